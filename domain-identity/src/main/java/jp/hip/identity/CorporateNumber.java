package jp.hip.identity;

/**
 * 法人番号: 13 digits, the first a check digit over the other twelve
 * (国税庁「法人番号の指定等に関する省令」第2条: 9 − (Σ Pn × Qn mod 9), Qn = 1 for odd n, 2 for even n,
 * n counted from the lowest digit).
 */
public final class CorporateNumber {

    private CorporateNumber() {}

    public static boolean isValid(String value) {
        if (value == null || !value.matches("\\d{13}")) {
            return false;
        }
        int sum = 0;
        for (int n = 1; n <= 12; n++) {
            int digit = value.charAt(13 - n) - '0';
            sum += digit * (n % 2 == 1 ? 1 : 2);
        }
        int check = 9 - (sum % 9);
        return check == value.charAt(0) - '0';
    }
}
