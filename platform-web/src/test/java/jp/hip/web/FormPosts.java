package jp.hip.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

/** Posts a form as a browser does (CSRF token, form encoding) and reads the errors back by field. */
@TestComponent
public class FormPosts {

    private final MockMvcTester mvc;

    public FormPosts(MockMvcTester mvc) {
        this.mvc = mvc;
    }

    /** Posts the fields (name, value, name, value, …); a field named twice sends both values. */
    public MvcTestResult post(String path, String... namesAndValues) {
        var request = mvc.post().uri(path).with(csrf());
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            request = request.param(namesAndValues[i], namesAndValues[i + 1]);
        }
        return request.exchange();
    }

    /** The form's field errors as field → error codes (the most specific code first), in a stable order. */
    public static Map<String, String> fieldErrors(MvcTestResult result) {
        return fieldErrors(result, "form");
    }

    /** The same for a page with several forms, by the form's model name ({@code comment}, {@code decision}). */
    public static Map<String, String> fieldErrors(MvcTestResult result, String form) {
        BindingResult binding = binding(result, form);
        Map<String, String> errors = new TreeMap<>();
        for (FieldError error : binding.getFieldErrors()) {
            errors.merge(error.getField(), code(error), (a, b) -> a + "," + b);
        }
        return errors;
    }

    /** The values the page shows again after an error (as the page's fields read them). */
    public static Map<String, Object> shownValues(MvcTestResult result, String... fields) {
        BindingResult binding = binding(result);
        Map<String, Object> values = new LinkedHashMap<>();
        for (String field : fields) {
            values.put(field, binding.getFieldValue(field));
        }
        return values;
    }

    static BindingResult binding(MvcTestResult result) {
        return binding(result, "form");
    }

    static BindingResult binding(MvcTestResult result, String form) {
        Object binding = result.getMvcResult().getModelAndView().getModel().get(BindingResult.MODEL_KEY_PREFIX + form);
        assertThat(binding).as("the page shows the form again with its errors").isInstanceOf(BindingResult.class);
        return (BindingResult) binding;
    }

    /** The key a person's message comes from: the Bean Validation message key, or the binder's typeMismatch. */
    static String code(FieldError error) {
        if (error.isBindingFailure()) {
            return "typeMismatch";
        }
        if (error.contains(jakarta.validation.ConstraintViolation.class)) {
            String template = error.unwrap(jakarta.validation.ConstraintViolation.class).getMessageTemplate();
            return template.startsWith("{") ? template.substring(1, template.length() - 1) : template;
        }
        return error.getCode();
    }
}
