-- The editions of 「ヘルスケアサービスガイドライン等のあり方」 (経済産業省 ヘルスケア産業課) and the checklist items
-- of the three viewpoints 透明性・客観性・継続性 (seed document; the item wording is ours until the official
-- 宣言書 is transcribed: ref-guidelines.md §1.3, §4.3). METI edits the items per edition in the app.
insert into gl_rule_document (edition, title, revised_on, effective_on) values
    ('2019', 'ヘルスケアサービスガイドライン等のあり方(平成31年4月12日)', date '2019-04-12', date '2019-04-12'),
    ('2021', 'ヘルスケアサービスガイドライン等のあり方(令和3年6月9日改訂)', date '2021-06-09', date '2021-06-09'),
    ('2025', 'ヘルスケアサービスガイドライン等のあり方(令和7年3月31日改訂)', date '2025-03-31', date '2025-03-31');

insert into gl_checklist_item (id, edition, viewpoint, code, text, requires_evidence, position)
select gen_random_uuid(), e.edition, i.viewpoint, i.code, i.text, i.requires_evidence, i.position
  from gl_rule_document e
 cross join (values
    ('TRANSPARENCY', 'T1', '第三者・有識者の参画など、透明かつ中立的な手続で策定している', true, 1),
    ('TRANSPARENCY', 'T2', 'ガイドライン等を公開している(URL)', true, 2),
    ('TRANSPARENCY', 'T3', '倫理に関する規程を開示している', true, 3),
    ('TRANSPARENCY', 'T4', '利益相反(COI)に関する規程を開示している', true, 4),
    ('OBJECTIVITY', 'O1', '健康の保持増進・介護予防の効果(安全性を含む)をうたう場合、その根拠を開示できる', true, 5),
    ('OBJECTIVITY', 'O2', '用語を定義している', false, 6),
    ('OBJECTIVITY', 'O3', '出典、対象者、測定方法を明記している', true, 7),
    ('CONTINUITY', 'C1', 'サービス提供を継続するための人的体制を示している', true, 8),
    ('CONTINUITY', 'C2', 'サービス提供を継続するための財務基盤を示している', false, 9),
    ('CONTINUITY', 'C3', 'サービス中止時の補償・対応を契約前に開示している', true, 10)
 ) as i (viewpoint, code, text, requires_evidence, position);
