#!/usr/bin/env bash
# The official postgres image runs this once, on an empty data folder; the passwords come from the
# container's environment (infra/compose.yaml).
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v account_password="$KAM_ACCOUNT_DB_PASSWORD" -v relationship_password="$KAM_RELATIONSHIP_DB_PASSWORD" \
  -v supply_password="$KAM_SUPPLY_DB_PASSWORD" -v insight_password="$KAM_INSIGHT_DB_PASSWORD" \
  -f /kam/init-databases.sql
