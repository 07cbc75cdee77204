package jp.hip.web.guidelines;

import jp.hip.guidelines.publicregister.PublicEntry;

/** The Java-string drawing the template replaced (commit c26e288), kept as the oracle of LogoSvgTests. */
/**
 * The 「Healthcare Guideline 自己宣言」 mark as served by the platform, drawn per entry so that it always shows the
 * live status: the registration number, the status word and the last day of use. Not METI's artwork (its usage
 * rules PDF could not be read: ref-guidelines.md §0); a stand-in with the same purpose.
 *
 * <p>It never claims more than the entry's state: only a valid entry gets the check mark, the colours and its last
 * day of use; any other says in words what happened (「失効」「取下げ」「掲載終了」「一時停止」) and that the mark may not
 * be used, with no date to come.
 */
final class LogoSvgBefore {

    private LogoSvgBefore() {}

    static String render(PublicEntry entry, String statusWord, String notUsable) {
        boolean valid = entry.logoValid();
        String main = valid ? "#0031D8" : "#999999";
        String accent = valid ? "#259D63" : "#BBBBBB";
        String until = valid && entry.validUntil() != null ? "〜" + entry.validUntil().toString().replace('-', '/') : notUsable;
        String mark = valid ? "<path d=\"M24 44 l7 7 l13 -14\" stroke=\"#FFFFFF\" stroke-width=\"4\" fill=\"none\"/>"
                : "<path d=\"M26 36 l16 16 M42 36 l-16 16\" stroke=\"#FFFFFF\" stroke-width=\"4\" fill=\"none\"/>";
        return """
                <svg xmlns="http://www.w3.org/2000/svg" width="240" height="120" viewBox="0 0 240 120" role="img" aria-label="%s">
                  <title>%s</title>
                  <rect x="1" y="1" width="238" height="118" rx="10" fill="#FFFFFF" stroke="%s" stroke-width="2"/>
                  <circle cx="34" cy="44" r="20" fill="%s"/>
                  %s
                  <text x="64" y="36" font-family="sans-serif" font-size="14" font-weight="bold" fill="%s">Healthcare Guideline</text>
                  <text x="64" y="56" font-family="sans-serif" font-size="14" font-weight="bold" fill="%s">自己宣言</text>
                  <text x="14" y="88" font-family="sans-serif" font-size="13" fill="#1A1A1A">%s  %s</text>
                  <text x="14" y="108" font-family="sans-serif" font-size="12" fill="#4D4D4D">%s</text>
                </svg>
                """.formatted(esc(entry.registrationNo() + " " + statusWord), esc(entry.registrationNo() + " " + statusWord),
                main, accent, mark, main, main, esc(entry.registrationNo()), esc(statusWord), esc(until));
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
