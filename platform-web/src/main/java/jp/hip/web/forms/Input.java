package jp.hip.web.forms;

import java.text.Normalizer;

/** What every formatter does first: full-width digits, signs and spaces folded (NFKC), blanks around removed. */
final class Input {

    private Input() {}

    /** NFKC folds 「１２３４」 to 1234, 「，」 to a comma, 「％」 to %, 「／」 to /, the ideographic space to a space. */
    static String fold(String text) {
        return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
    }
}
