package jp.hip.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/** The server-drawn QR code (ADR 0098) is read back by a QR reader as exactly the text it was given. */
class QrCodesTests {

    @Test
    void thePermalinkCodeReadsBackAsThePermalink() throws Exception {
        String permalink = "https://hip.example/guidelines/HG-0001";
        String uri = QrCodes.svgDataUri(permalink);
        assertThat(uri).startsWith("data:image/svg+xml;base64,");
        String svg = new String(Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1)), StandardCharsets.UTF_8);
        assertThat(read(svg)).isEqualTo(permalink);
    }

    @Test
    void anEnrolmentLinkWithJapaneseReadsBack() throws Exception {
        String otpauth = "otpauth://totp/健康経営:hr@example.jp?secret=JBSWY3DPEHPK3PXP&issuer=健康経営";
        assertThat(read(QrCodes.svg(otpauth))).isEqualTo(otpauth);
    }

    /** Paints the SVG's unit squares (scaled 4×) and hands the picture to ZXing's reader. */
    static String read(String svg) throws Exception {
        Matcher size = Pattern.compile("viewBox=\"0 0 (\\d+) \\d+\"").matcher(svg);
        assertThat(size.find()).isTrue();
        int modules = Integer.parseInt(size.group(1));
        int scale = 4;
        int[] pixels = new int[modules * scale * modules * scale];
        java.util.Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher square = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
        while (square.find()) {
            int x = Integer.parseInt(square.group(1));
            int y = Integer.parseInt(square.group(2));
            for (int dy = 0; dy < scale; dy++) {
                for (int dx = 0; dx < scale; dx++) {
                    pixels[(y * scale + dy) * modules * scale + x * scale + dx] = 0xFF000000;
                }
            }
        }
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(modules * scale, modules * scale, pixels)));
        return new QRCodeReader().decode(bitmap).getText();
    }
}
