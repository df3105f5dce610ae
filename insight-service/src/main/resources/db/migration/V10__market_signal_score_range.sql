-- A score is a standardised residual or a CUSUM statistic: usually single digits, but an account
-- that orders in bursts can lie far out. numeric(9, 2) stopped the watch at 10^7 (found on the demo).
alter table market_signal alter column score type numeric(19, 2);
