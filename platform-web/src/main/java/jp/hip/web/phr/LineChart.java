package jp.hip.web.phr;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import jp.hip.phr.ObservationCode;
import jp.hip.phr.TimelinePoint;

/**
 * A server-rendered SVG line chart (CSP forbids inline script and style: geometry and colours are SVG
 * attributes). The reference threshold (保健指導判定値) is drawn as a dashed line; values outside it are red
 * dots and carry the word 「基準外」 in the table, so colour is never the only signal.
 */
public record LineChart(String title, String unit, int width, int height, String polyline, List<Dot> dots,
        Double referenceY, String referenceLabel, List<Tick> yTicks, List<Tick> xTicks) {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    static final int WIDTH = 720;
    static final int HEIGHT = 260;
    static final int LEFT = 56;
    static final int RIGHT = 16;
    static final int TOP = 16;
    static final int BOTTOM = 32;

    public record Dot(double x, double y, boolean outside, String label) {}

    /** A tick label; {@code anchor} is its SVG text-anchor, so the first and last x labels stay inside the chart. */
    public record Tick(double position, String label, String anchor) {

        Tick(double position, String label) {
            this(position, label, "end");
        }
    }

    static LineChart of(ObservationCode code, List<TimelinePoint> points) {
        List<TimelinePoint> values = points.stream().filter(p -> p.value() != null).toList();
        BigDecimal reference = code.refHigh() != null ? code.refHigh() : code.refLow();
        double min = values.stream().mapToDouble(p -> p.value().doubleValue()).min().orElse(0);
        double max = values.stream().mapToDouble(p -> p.value().doubleValue()).max().orElse(1);
        if (reference != null) {
            min = Math.min(min, reference.doubleValue());
            max = Math.max(max, reference.doubleValue());
        }
        double pad = Math.max((max - min) * 0.1, Math.abs(max) * 0.02 + 0.5);
        min -= pad;
        max += pad;
        long first = values.isEmpty() ? 0 : values.get(0).effective().getEpochSecond();
        long last = values.isEmpty() ? 1 : values.get(values.size() - 1).effective().getEpochSecond();
        if (last == first) {
            last = first + 86_400;
            first = first - 86_400;
        }
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        List<Dot> dots = new ArrayList<>();
        DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyy/M/d", Locale.JAPAN);
        for (TimelinePoint p : values) {
            double x = LEFT + plotW * (p.effective().getEpochSecond() - first) / (double) (last - first);
            double y = TOP + plotH * (max - p.value().doubleValue()) / (max - min);
            dots.add(new Dot(round(x), round(y), p.outsideReference(),
                    day.format(p.effective().atZone(JAPAN)) + " " + p.value().stripTrailingZeros().toPlainString() + " " + jp.hip.phr.DisplayUnits.label(p.unit(),
                            org.springframework.context.i18n.LocaleContextHolder.getLocale())));
        }
        String polyline = dots.stream().map(d -> d.x() + "," + d.y()).collect(Collectors.joining(" "));
        Double referenceY = reference == null ? null : round(TOP + plotH * (max - reference.doubleValue()) / (max - min));
        List<Tick> yTicks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            double value = min + (max - min) * i / 4;
            yTicks.add(new Tick(round(TOP + plotH * (max - value) / (max - min)), format(value)));
        }
        List<Tick> xTicks = new ArrayList<>();
        if (!values.isEmpty()) {
            for (int i = 0; i <= 4; i++) {
                long t = first + (last - first) * i / 4;
                LocalDate date = java.time.Instant.ofEpochSecond(t).atZone(JAPAN).toLocalDate();
                xTicks.add(new Tick(round(LEFT + plotW * i / 4), date.getYear() + "/" + date.getMonthValue(),
                        i == 0 ? "start" : i == 4 ? "end" : "middle"));
            }
        }
        return new LineChart(code.nameJa(), code.unit(), WIDTH, HEIGHT, polyline, dots, referenceY,
                reference == null ? null : reference.stripTrailingZeros().toPlainString(), yTicks, xTicks);
    }

    public String viewBox() {
        return "0 0 " + width + " " + height;
    }

    public int plotLeft() {
        return LEFT;
    }

    public int plotRight() {
        return WIDTH - RIGHT;
    }

    public int plotBottom() {
        return HEIGHT - BOTTOM;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String format(double v) {
        return Math.abs(v) >= 100 ? String.format("%,.0f", v) : String.format("%.1f", v);
    }
}
