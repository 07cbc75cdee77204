package jp.hip.guidelines.comments;

/** 審査コメントの公開範囲 (経済産業省内のみ / 申請者にも表示) */
public enum Visibility {
    INTERNAL, TO_APPLICANT
}
