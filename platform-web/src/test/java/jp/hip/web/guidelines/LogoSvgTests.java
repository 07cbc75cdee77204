package jp.hip.web.guidelines;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import jp.hip.guidelines.declarations.DeclarationStatus;
import jp.hip.guidelines.guideline.GuidelineKind;
import jp.hip.guidelines.publicregister.PublicEntry;
import jp.hip.guidelines.guideline.ServiceCategory;

/** The live logo drawn from its template is byte for byte what the Java string drew (the ETag stays the same). */
class LogoSvgTests {

    static PublicEntry entry(DeclarationStatus status, boolean valid) {
        return new PublicEntry("HG-0007", 1, "協会 <A&B>", "指針", GuidelineKind.GUIDELINE, ServiceCategory.values()[0], "第1版",
                LocalDate.of(2025, 4, 1), null, LocalDate.of(2025, 4, 1), LocalDate.of(2025, 4, 10), LocalDate.of(2025, 4, 10),
                LocalDate.of(2028, 3, 31), status, valid, Instant.parse("2025-04-10T00:00:00Z"));
    }

    @Test
    void aValidEntryIsDrawnExactlyAsBefore() {
        PublicEntry valid = entry(DeclarationStatus.LISTED, true);
        String drawn = new LogoSvg().render(valid, "掲載中", "使用できません");
        assertThat(drawn).isEqualTo(LogoSvgBefore.render(valid, "掲載中", "使用できません")).contains("〜2028/03/31", "#0031D8");
    }

    @Test
    void anEndedEntryIsDrawnExactlyAsBeforeWithoutADate() {
        PublicEntry ended = entry(DeclarationStatus.values()[DeclarationStatus.values().length - 1], false);
        String drawn = new LogoSvg().render(ended, "失効 <&>", "このマークは使用できません");
        assertThat(drawn).isEqualTo(LogoSvgBefore.render(ended, "失効 <&>", "このマークは使用できません"))
                .contains("#999999").doesNotContain("2028");
    }
}
