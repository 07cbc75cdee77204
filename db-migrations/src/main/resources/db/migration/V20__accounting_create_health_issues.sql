-- 健康課題: the nine issue categories of the 健康経営度調査 (課題別評価), public reference data shared by every
-- company (ref-accounting.md §2.2). Companies add their own issues in acc_own_health_issue (V21).
create table acc_standard_health_issue (
    code    smallint primary key,
    name_ja varchar(200) not null,
    name_en varchar(200) not null
);
insert into acc_standard_health_issue (code, name_ja, name_en) values
 (1, '健康状態にかかわらず全従業員に対する疾病の発生予防', 'Disease prevention for all employees'),
 (2, '生活習慣病などの疾病の高リスク者に対する重症化予防', 'Preventing aggravation for high-risk employees'),
 (3, 'メンタルヘルス不調等のストレス関連疾患の発生予防・早期発見・対応', 'Mental health: prevention, early detection and response'),
 (4, '従業員の生産性低下防止・事故発生予防', 'Preventing productivity loss and accidents'),
 (5, '女性特有の健康関連課題への対応、女性の健康保持・増進', 'Women''s health'),
 (6, '休職後の職場復帰、就業と治療の両立', 'Return to work and balancing work with treatment'),
 (7, '労働時間の適正化、ワークライフバランス・生活時間の確保', 'Working hours and work-life balance'),
 (8, '従業員間のコミュニケーションの促進', 'Communication among employees'),
 (9, '従業員の感染症予防（インフルエンザなど）', 'Infection prevention (influenza etc.)');
