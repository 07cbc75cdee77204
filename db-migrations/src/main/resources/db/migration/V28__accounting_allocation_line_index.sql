-- Allocations by their line alone (issue 13 §9, ADR 0082). The analysis loads the year's allocations with
-- "line_id in (select id from acc_investment_line where tenant_id = … and fiscal_year = …)" (Hibernate's sub-select
-- fetch); that statement names no tenant for acc_allocation, so its only index (tenant_id, line_id, indicator_id)
-- was of no use. With statistics not yet refreshed after the lines were written, PostgreSQL joined by a nested loop
-- that scanned every allocation once per line, evaluating the row-level security policy on each: 4,000,000 rows and
-- 4.9–6.7 s for 2,000 lines. With this index each line is one index probe (or a hash join with fresh statistics).
create index acc_allocation_line_ix on acc_allocation (line_id);
