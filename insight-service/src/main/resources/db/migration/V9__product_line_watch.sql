-- Issue 10, must 3: each product line's weekly sales are watched too, as each key account's are.
alter table market_signal add column product_line text;
create index market_signal_product_line on market_signal (product_line, week_start desc);
create table product_line_watch (
    product_line  text primary key,
    judged_up_to  date not null            -- the Monday of the last week judged
);
