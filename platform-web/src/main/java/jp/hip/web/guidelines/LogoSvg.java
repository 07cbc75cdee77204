package jp.hip.web.guidelines;

import java.util.Map;

import org.springframework.stereotype.Component;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import jp.hip.guidelines.publicregister.PublicEntry;

/**
 * The 「Healthcare Guideline 自己宣言」 mark as served by the platform, drawn per entry so that it always shows the
 * live status: the registration number, the status word and the last day of use. Not METI's artwork (its usage
 * rules PDF could not be read: ref-guidelines.md §0); a stand-in with the same purpose.
 *
 * <p>It never claims more than the entry's state: only a valid entry gets the check mark, the colours and its last
 * day of use; any other says in words what happened (「失効」「取下げ」「掲載終了」「一時停止」) and that the mark may not
 * be used, with no date to come.
 *
 * <p>The drawing is a template ({@code templates/guidelines/logo.svg}, Thymeleaf XML mode, its own small engine so
 * that the pages' HTML resolver never serves it); this class only decides colours, mark and words.
 */
@Component
class LogoSvg {

    private final SpringTemplateEngine engine = new SpringTemplateEngine();

    LogoSvg() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".svg");
        resolver.setTemplateMode(TemplateMode.HTML); // XML mode would write 掲載中 as &#x63b2;…; HTML mode escapes only markup
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
    }

    String render(PublicEntry entry, String statusWord, String notUsable) {
        boolean valid = entry.logoValid();
        String until = valid && entry.validUntil() != null ? "〜" + entry.validUntil().toString().replace('-', '/') : notUsable;
        Context context = new Context();
        context.setVariables(Map.of("valid", valid, "main", valid ? "#0031D8" : "#999999", "accent", valid ? "#259D63" : "#BBBBBB",
                "label", entry.registrationNo() + " " + statusWord, "registrationNo", entry.registrationNo(),
                "statusWord", statusWord, "until", until));
        return engine.process("guidelines/logo", context);
    }
}
