#!/usr/bin/env bash
# Per-service Kafka ACLs: each service writes only the streams it owns (infra/contracts/asyncapi.yaml)
# and its dead-letter topic, reads only what it consumes, in its own consumer group. Run with Kafka's
# kafka-acls.sh against a cluster whose listeners authenticate (SASL/SCRAM over TLS, see
# docs/operations/kafka-security.md) and whose authorizer denies by default
# (authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer,
#  allow.everyone.if.no.acl.found=false).
#   KAFKA=broker:9093 ADMIN_CONFIG=admin.properties infra/kafka/acls.sh
set -euo pipefail
: "${KAFKA:?the bootstrap servers, e.g. broker:9093}"
: "${ADMIN_CONFIG:?a client config file with the admin SASL_SSL settings}"
acls() { kafka-acls.sh --bootstrap-server "$KAFKA" --command-config "$ADMIN_CONFIG" --add "$@"; }

# service | topics it writes (besides its dead letters) | topics it reads
declare -A writes=(
  [account-service]="kam.sales.v1 kam.account-tiers.v1 kam.accounts.v1"
  [relationship-service]="kam.contacts.v1 kam.relationship-signals.v1"
  [supply-service]="kam.reservations.v1 kam.stock.v1 kam.supply-signals.v1 kam.products.v1"
  [insight-service]="kam.insight-signals.v1 kam.notifications.v1"
)
declare -A reads=(
  [account-service]="kam.sales.v1"
  [relationship-service]="kam.sales.v1 kam.account-tiers.v1 kam.accounts.v1 kam.products.v1 kam.reservations.v1 kam.supply-signals.v1"
  [supply-service]="kam.sales.v1 kam.account-tiers.v1"
  [insight-service]="kam.sales.v1 kam.account-tiers.v1 kam.products.v1 kam.reservations.v1 kam.supply-signals.v1 kam.relationship-signals.v1"
)

for service in "${!writes[@]}"; do
  principal="User:$service"
  for topic in ${writes[$service]} "kam.dlq.$service.v1"; do
    acls --allow-principal "$principal" --operation Write --operation Describe --topic "$topic"
  done
  # Idempotent producers (the outbox relay, the dead-letter publisher).
  acls --allow-principal "$principal" --operation IdempotentWrite --cluster
  for topic in ${reads[$service]}; do
    acls --allow-principal "$principal" --operation Read --operation Describe --topic "$topic"
  done
  acls --allow-principal "$principal" --operation Read --operation Describe --group "$service"
done

# The ERP (or whatever sends sales) writes sales and nothing else.
acls --allow-principal User:erp --operation Write --operation Describe --topic kam.sales.v1
acls --allow-principal User:erp --operation IdempotentWrite --cluster
