-- A product line's sales, found through its SKUs: the market watch's first sale and weekly sums of a
-- line read every sale fact without it (93 ms a line after 120,000 sales on a demo stack, growing
-- with the table; issue 12, pg_stat_statements).
create index sale_fact_sku on sale_fact (sku, occurred_at);
