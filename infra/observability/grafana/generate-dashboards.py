#!/usr/bin/env python3
# Writes the Grafana dashboards under dashboards/ (checked in, provisioned from files). Edit the panels
# here and run it again; SaleFlowsThroughAllServicesE2EIT evaluates every query against a real Prometheus.
import json
DS = {"type": "prometheus", "uid": "kam-prometheus"}

def panel(pid, title, exprs, x, y, w=12, h=8, kind="timeseries", unit=None, legend=None, desc=None, stack=False):
    targets = []
    for i, (expr, leg) in enumerate(exprs):
        targets.append({"datasource": DS, "expr": expr, "legendFormat": leg, "refId": chr(65 + i)})
    p = {"id": pid, "type": kind, "title": title, "datasource": DS, "targets": targets,
         "gridPos": {"x": x, "y": y, "w": w, "h": h},
         "fieldConfig": {"defaults": {}, "overrides": []}, "options": {}}
    if desc:
        p["description"] = desc
    if unit:
        p["fieldConfig"]["defaults"]["unit"] = unit
    if kind == "timeseries":
        p["fieldConfig"]["defaults"]["custom"] = {"drawStyle": "line", "fillOpacity": 20 if stack else 5,
                                                  "stacking": {"mode": "normal" if stack else "none"}}
        p["options"] = {"legend": {"displayMode": "table", "placement": "right", "calcs": ["lastNotNull"]},
                        "tooltip": {"mode": "multi"}}
    if kind == "stat":
        p["options"] = {"reduceOptions": {"calcs": ["lastNotNull"]}, "colorMode": "background", "graphMode": "area"}
    if kind == "piechart":
        p["options"] = {"reduceOptions": {"calcs": ["lastNotNull"]}, "legend": {"displayMode": "table", "placement": "right", "values": ["value", "percent"]}, "pieType": "donut"}
    return p

def dashboard(uid, title, desc, panels, tags):
    return {"uid": uid, "title": title, "description": desc, "tags": tags, "timezone": "browser",
            "schemaVersion": 39, "version": 1, "editable": True, "refresh": "10s",
            "time": {"from": "now-1h", "to": "now"}, "panels": panels,
            "templating": {"list": []}, "annotations": {"list": []}}

TOPIC = 'label_replace({e}, "topic", "$1", "spring_id", "(kam\\\\.[^.]+\\\\.v[0-9]+).*")'

ops = [
    panel(1, "Services up", [('up{job="kam"}', "{{service}}")], 0, 0, 8, 5, "stat",
          desc="1 = the service answers its scrape"),
    panel(2, "API error rate (5xx share)", [('sum by (application) (rate(http_server_requests_seconds_count{status=~"5..", uri=~"/api/.*"}[5m])) / sum by (application) (rate(http_server_requests_seconds_count{uri=~"/api/.*"}[5m]))', "{{application}}")], 8, 0, 8, 5, unit="percentunit"),
    panel(3, "Dead letters (15 min)", [('sum by (application, binding) (increase(kam_consumer_dead_lettered_total[15m]))', "{{application}} {{binding}}")], 16, 0, 8, 5,
          desc="Records invalid in themselves sent to kam.dlq.<service>.v1"),
    panel(4, "Events published per topic", [('sum by (topic) (rate(kam_outbox_events_published_total[1m]))', "{{topic}}")], 0, 5, 12, 8, unit="ops",
          desc="Relayed from the services' outboxes and acknowledged by Kafka"),
    panel(5, "Events consumed per topic and service", [('sum by (application, topic) (' + TOPIC.format(e='rate(kafka_consumer_fetch_manager_records_consumed_total{topic=""}[1m])') + ')', "{{application}} <- {{topic}}")], 12, 5, 12, 8, unit="ops"),
    panel(6, "Consumer lag per topic and group", [('max by (group, topic) (spring_cloud_stream_binder_kafka_offset)', "{{group}} on {{topic}}")], 0, 13, 12, 8, unit="short",
          desc="Records a consumer group has not read yet"),
    panel(7, "Consumer failures", [('sum by (application, failure) (rate(kam_consumer_failures_total[5m]))', "{{application}} {{failure}}")], 12, 13, 12, 8, unit="ops",
          desc="Failed attempts: OUTAGE ones are waited out and retried, INVALID ones dead-lettered"),
    panel(8, "Outbox: pending and parked", [('max by (application) (kam_outbox_events_pending)', "{{application}} pending"), ('max by (application) (kam_outbox_events_parked)', "{{application}} parked")], 0, 21, 12, 8, unit="short"),
    panel(9, "Outbox batch time", [('sum by (application) (rate(kam_outbox_batch_duration_seconds_sum[1m])) / sum by (application) (rate(kam_outbox_batch_duration_seconds_count[1m]))', "{{application}} mean"), ('max by (application) (kam_outbox_batch_duration_seconds_max)', "{{application}} max")], 12, 21, 12, 8, unit="s"),
    panel(10, "HTTP requests per endpoint", [('sum by (application, method, uri) (rate(http_server_requests_seconds_count{uri=~"/api/.*"}[1m]))', "{{application}} {{method}} {{uri}}")], 0, 29, 12, 8, unit="reqps"),
    panel(11, "HTTP latency (mean, max)", [('sum by (application) (rate(http_server_requests_seconds_sum{uri=~"/api/.*"}[5m])) / sum by (application) (rate(http_server_requests_seconds_count{uri=~"/api/.*"}[5m]))', "{{application}} mean"), ('max by (application) (http_server_requests_seconds_max{uri=~"/api/.*"})', "{{application}} max")], 12, 29, 12, 8, unit="s"),
    panel(12, "JVM heap used", [('sum by (application) (jvm_memory_used_bytes{area="heap"})', "{{application}}")], 0, 37, 8, 8, unit="bytes"),
    panel(13, "GC pause time", [('sum by (application) (rate(jvm_gc_pause_seconds_sum[1m]))', "{{application}}")], 8, 37, 8, 8, unit="percentunit",
          desc="Share of wall time spent in GC pauses"),
    panel(14, "Process CPU", [('max by (application) (process_cpu_usage)', "{{application}}")], 16, 37, 8, 8, unit="percentunit"),
    panel(15, "Live threads", [('max by (application) (jvm_threads_live_threads)', "{{application}}")], 0, 45, 8, 8),
    panel(16, "Database pool: active, idle, pending", [('max by (application) (hikaricp_connections_active)', "{{application}} active"), ('max by (application) (hikaricp_connections_idle)', "{{application}} idle"), ('max by (application) (hikaricp_connections_pending)', "{{application}} pending")], 8, 45, 8, 8),
    panel(17, "Database connection wait", [('sum by (application) (rate(hikaricp_connections_acquire_seconds_sum[1m])) / sum by (application) (rate(hikaricp_connections_acquire_seconds_count[1m]))', "{{application}}")], 16, 45, 8, 8, unit="s"),
]
biz = [
    panel(1, "Accounts per tier", [('max by (tier) (kam_accounts_computed)', "{{tier}}")], 0, 0, 8, 8, "piechart",
          desc="As the 80/20 rule computes it now (account-service's tiering leader)"),
    panel(2, "Tier changes", [('sum by (from, to) (increase(kam_tier_changes_total[$__rate_interval]))', "{{from}} -> {{to}}")], 8, 0, 16, 8, stack=True,
          desc="Migrations between tiers"),
    panel(3, "Sales recorded", [('sum by (application) (rate(kam_sales_recorded_total[1m]))', "account-service"), ('sum (rate(kam_supply_sales_recorded_total[1m]))', "supply-service")], 0, 8, 12, 8, unit="ops"),
    panel(4, "Orders allocated by tier", [('sum by (tier) (rate(kam_supply_orders_allocated_total[5m]))', "{{tier}}")], 12, 8, 12, 8, unit="ops", stack=True),
    panel(5, "Protections changed, by cause", [('sum by (cause) (increase(kam_reservations_changed_total[$__rate_interval]))', "{{cause}}")], 0, 16, 12, 8, stack=True),
    panel(6, "Shortages", [('max (kam_reservations_shortage_units)', "protection shortfall (units)"), ('max (kam_supply_backorders_units)', "backordered (units)"), ('max (kam_supply_peak_plan_skus_at_risk)', "SKUs at risk in the peak")], 12, 16, 12, 8),
    panel(7, "Key-account stock-outs", [('sum by (cause) (increase(kam_supply_key_account_stockouts_total[$__rate_interval]))', "{{cause}}")], 0, 24, 12, 8, stack=True),
    panel(8, "Units served: protection vs free stock", [('sum by (from) (rate(kam_supply_units_served_total[5m]))', "{{from}}"), ('sum (rate(kam_supply_units_backordered_total[5m]))', "backordered")], 12, 24, 12, 8, stack=True),
    panel(9, "Notifications by department", [('sum by (department) (increase(kam_notifications_issued_total[$__rate_interval]))', "{{department}}")], 0, 32, 12, 8, stack=True),
    panel(10, "Notifications by severity", [('sum by (severity) (increase(kam_notifications_issued_total[$__rate_interval]))', "{{severity}}")], 12, 32, 12, 8, stack=True),
    panel(11, "Market signals", [('sum by (kind, scope) (increase(kam_market_signals_total[$__rate_interval]))', "{{kind}} {{scope}}")], 0, 40, 12, 8, stack=True,
          desc="Statistically significant deviations from the seasonal baseline"),
    panel(12, "Intelligence: reports filed and items opened", [('sum by (merged) (increase(kam_intelligence_reports_filed_total[$__rate_interval]))', "filed, merged={{merged}}"), ('sum by (class) (increase(kam_intelligence_items_opened_total[$__rate_interval]))', "opened {{class}}")], 12, 40, 12, 8, stack=True),
    panel(13, "Relationship coverage", [('max (kam_coverage_gaps_open)', "coverage gaps open"), ('max (kam_key_accounts_missing_levels)', "key accounts missing a level")], 0, 48, 12, 8),
    panel(14, "Visits and key-date alerts", [('sum (increase(kam_visits_planned_total[$__rate_interval]))', "visits planned"), ('sum (increase(kam_visits_done_total[$__rate_interval]))', "visits done"), ('sum (increase(kam_alerts_raised_total[$__rate_interval]))', "alerts raised"), ('sum (increase(kam_alerts_escalated_total[$__rate_interval]))', "alerts escalated")], 12, 48, 12, 8),
    panel(15, "Contacts added by level", [('sum by (level) (kam_contacts_added_total)', "{{level}}")], 0, 56, 12, 8, "bargauge"),
    panel(16, "Webhook deliveries", [('sum by (outcome) (increase(kam_webhook_deliveries_total[$__rate_interval]))', "{{outcome}}"), ('max (kam_webhook_deliveries_parked)', "parked now")], 12, 56, 12, 8),
]
import os
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dashboards") + "/"
json.dump(dashboard("kam-operations", "KAM — operations", "Services, event streams and lag, outboxes, errors, JVM, HTTP and database pools of the four KAM services.", ops, ["kam", "operations"]), open(out + "kam-operations.json", "w"), indent=2, ensure_ascii=False)
json.dump(dashboard("kam-business", "KAM — business", "Tiers and migrations, sales, protections and shortages, notifications per department, market signals, intelligence and relationship coverage.", biz, ["kam", "business"]), open(out + "kam-business.json", "w"), indent=2, ensure_ascii=False)
