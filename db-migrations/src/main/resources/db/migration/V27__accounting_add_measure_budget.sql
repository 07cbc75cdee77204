-- 予算 (plan) per measure and 年度 beside the actuals (issue 13 §4, ADR 0081): whole yen, none until planned.
alter table acc_measure add column budget bigint check (budget is null or (budget >= 0 and budget <= 999999999999));
