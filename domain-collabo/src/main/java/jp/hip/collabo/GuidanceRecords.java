package jp.hip.collabo;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.identity.AuditLog;
import jp.hip.phr.statistics.CheckupStatistics;
import jp.hip.phr.statistics.CheckupStatistics.Guidance;
import jp.hip.phr.statistics.CheckupStatistics.InsuredCard;

/**
 * 特定保健指導 records per member and 年度 (who was a target, at which level; 初回面接 start and 実績評価 completion),
 * entered on a page or imported from CSV by the insurer, so that the 特定保健指導 実施率 is real. An import is all or
 * nothing: every rejected row is reported with its row and column, and a row of a non-member is refused.
 */
@Service
public class GuidanceRecords {

    /** The CSV header, in this order. */
    public static final List<String> HEADER = List.of("年度", "記号", "番号", "支援レベル", "初回面接日", "実績評価日");

    public enum Level {
        INTENSIVE("積極的支援"), MOTIVATIONAL("動機付け支援");

        private final String label;

        Level(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Level parse(String text) {
            for (Level l : values()) {
                if (l.label.equals(text) || l.name().equalsIgnoreCase(text)) {
                    return l;
                }
            }
            return null;
        }
    }

    public record Entry(int fiscalYear, String symbol, String number, Level level, LocalDate startedOn, LocalDate completedOn) {}

    /** One problem of an import: row (1 = the header), column name, message key and the value concerned. */
    public record Problem(int row, String column, String messageKey, String value) {}

    public record ImportResult(int rows, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public record YearSummary(int fiscalYear, int targets, int started, int completed) {}

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu[-M-d][/M/d]").withResolverStyle(ResolverStyle.STRICT);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditLog audit;
    private final CheckupStatistics statistics;

    GuidanceRecords(JdbcClient jdbc, TransactionTemplate tx, Clock clock, AuditLog audit, CheckupStatistics statistics) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
        this.statistics = statistics;
    }

    /** Records (or replaces) one member's 特定保健指導 for a 年度. */
    public void record(Actor actor, Entry entry) {
        ImportResult result = store(actor, List.of(entry), List.of(2), "page");
        if (!result.ok()) {
            Problem p = result.problems().get(0);
            throw new CollaboException(p.messageKey(), p.value());
        }
    }

    /** One member's record entered on a page: the fields in {@link #HEADER} order, checked as a CSV row is. */
    public ImportResult recordFields(Actor actor, List<String> fields) {
        requireInsurer(actor);
        if (fields.size() != HEADER.size()) {
            return new ImportResult(0, List.of(new Problem(2, "", "collabo.guidance.columns", String.valueOf(fields.size()))));
        }
        List<Problem> problems = new ArrayList<>();
        Entry e = parse(fields.stream().map(f -> f == null ? "" : f).toList(), 2, problems);
        return e == null ? new ImportResult(1, problems) : store(actor, List.of(e), List.of(2), "page");
    }

    /** Imports a CSV (UTF-8 with or without BOM, or Windows-31J): all rows or none. */
    public ImportResult importCsv(Actor actor, byte[] csv) {
        requireInsurer(actor);
        List<Problem> problems = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        List<Integer> rowNumbers = new ArrayList<>();
        String text = decode(csv);
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get().parse(new StringReader(text))) {
            List<CSVRecord> records = parser.getRecords();
            if (records.isEmpty() || !header(records.get(0)).equals(HEADER)) {
                return new ImportResult(0, List.of(new Problem(1, "", "collabo.guidance.header", String.join(",", HEADER))));
            }
            for (int i = 1; i < records.size(); i++) {
                CSVRecord r = records.get(i);
                int row = i + 1;
                if (r.size() != HEADER.size()) {
                    problems.add(new Problem(row, "", "collabo.guidance.columns", String.valueOf(r.size())));
                    continue;
                }
                List<String> fields = new ArrayList<>();
                r.forEach(fields::add);
                Entry e = parse(fields, row, problems);
                if (e != null) {
                    entries.add(e);
                    rowNumbers.add(row);
                }
            }
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            return new ImportResult(0, List.of(new Problem(0, "", "collabo.guidance.unreadable", "")));
        }
        if (!problems.isEmpty()) {
            return new ImportResult(entries.size() + problems.size(), problems);
        }
        if (entries.isEmpty()) {
            return new ImportResult(0, List.of(new Problem(2, "", "collabo.guidance.empty", "")));
        }
        return store(actor, entries, rowNumbers, "csv");
    }

    private static List<String> header(CSVRecord r) {
        List<String> h = new ArrayList<>();
        r.forEach(v -> h.add(v.strip()));
        return h;
    }

    private static Entry parse(List<String> r, int row, List<Problem> problems) {
        int before = problems.size();
        Integer year = null;
        try {
            year = Integer.valueOf(r.get(0).strip().replace("年度", ""));
            if (year < 2008 || year > 2100) {
                problems.add(new Problem(row, HEADER.get(0), "collabo.guidance.year", r.get(0)));
            }
        } catch (NumberFormatException e) {
            problems.add(new Problem(row, HEADER.get(0), "collabo.guidance.year", r.get(0)));
        }
        String number = r.get(2).strip();
        if (number.isEmpty() || number.length() > 40) {
            problems.add(new Problem(row, HEADER.get(2), "collabo.guidance.number", r.get(2)));
        }
        String symbol = r.get(1).strip();
        if (symbol.length() > 40) {
            problems.add(new Problem(row, HEADER.get(1), "collabo.guidance.symbol", r.get(1)));
        }
        Level level = Level.parse(r.get(3).strip());
        if (level == null) {
            problems.add(new Problem(row, HEADER.get(3), "collabo.guidance.level", r.get(3)));
        }
        LocalDate started = date(r.get(4), row, HEADER.get(4), problems);
        LocalDate completed = date(r.get(5), row, HEADER.get(5), problems);
        if (completed != null && started == null) {
            problems.add(new Problem(row, HEADER.get(4), "collabo.guidance.startRequired", r.get(5)));
        } else if (completed != null && completed.isBefore(started)) {
            problems.add(new Problem(row, HEADER.get(5), "collabo.guidance.completedBeforeStart", r.get(5)));
        }
        return problems.size() == before ? new Entry(year, symbol, number, level, started, completed) : null;
    }

    private static LocalDate date(String text, int row, String column, List<Problem> problems) {
        String t = text.strip();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(t, DATE);
        } catch (DateTimeParseException e) {
            problems.add(new Problem(row, column, "collabo.guidance.date", text));
            return null;
        }
    }

    private ImportResult store(Actor actor, List<Entry> entries, List<Integer> rows, String channel) {
        requireInsurer(actor);
        Set<InsuredCard> cards = new HashSet<>();
        entries.forEach(e -> cards.add(new InsuredCard(e.symbol(), e.number())));
        Set<InsuredCard> missing = statistics.nonMembers(actor.tenantId(), cards);
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (missing.contains(new InsuredCard(e.symbol(), e.number()))) {
                problems.add(new Problem(rows.get(i), HEADER.get(2), "collabo.guidance.nonMember",
                        (e.symbol().isEmpty() ? "" : e.symbol() + " ") + e.number()));
            }
        }
        if (!problems.isEmpty()) {
            return new ImportResult(entries.size(), problems);
        }
        tx.executeWithoutResult(s -> {
            for (Entry e : entries) {
                jdbc.sql("""
                        insert into collabo_guidance (insurer_tenant_id, fiscal_year, insured_symbol, insured_number, level,
                            started_on, completed_on, recorded_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (insurer_tenant_id, fiscal_year, insured_symbol, insured_number) do update
                           set level = excluded.level, started_on = excluded.started_on, completed_on = excluded.completed_on,
                               recorded_at = excluded.recorded_at""")
                        .params(actor.tenantId(), e.fiscalYear(), e.symbol(), e.number(), e.level().name(),
                                e.startedOn() == null ? null : java.sql.Date.valueOf(e.startedOn()),
                                e.completedOn() == null ? null : java.sql.Date.valueOf(e.completedOn()),
                                Timestamp.from(clock.instant())).update();
            }
            audit.recordFor(actor.tenantId(), actor.actorId(), actor.actorName(), "COLLABO_GUIDANCE_RECORDED",
                    "CollaboGuidance", channel, Map.of("rows", entries.size()));
        });
        return new ImportResult(entries.size(), List.of());
    }

    /** Per 年度: targets, started, completed (the insurer's own records; counts for its page). */
    public List<YearSummary> summary(Actor actor) {
        requireInsurer(actor);
        return jdbc.sql("""
                select fiscal_year, count(*), count(started_on), count(completed_on) from collabo_guidance
                 where insurer_tenant_id = ? group by fiscal_year order by fiscal_year desc""")
                .param(actor.tenantId())
                .query((rs, n) -> new YearSummary(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4))).list();
    }

    /** The cards of the 年度's targets and completions, for the statistics (which count them per cell). */
    Guidance forStatistics(UUID insurerTenantId, int fiscalYear) {
        Set<InsuredCard> targets = new HashSet<>();
        Set<InsuredCard> completed = new HashSet<>();
        jdbc.sql("select insured_symbol, insured_number, completed_on from collabo_guidance where insurer_tenant_id = ? and fiscal_year = ?")
                .params(insurerTenantId, fiscalYear).query(rs -> {
                    InsuredCard card = new InsuredCard(rs.getString(1), rs.getString(2));
                    targets.add(card);
                    if (rs.getDate(3) != null) {
                        completed.add(card);
                    }
                });
        return new Guidance(targets, completed);
    }

    static String decode(byte[] bytes) {
        byte[] b = bytes;
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return new String(b, Charset.forName("Windows-31J"));
        }
    }

    private static void requireInsurer(Actor actor) {
        if (actor.side() != Side.INSURER) {
            throw new CollaboException("collabo.report.insurerOnly");
        }
    }

}
