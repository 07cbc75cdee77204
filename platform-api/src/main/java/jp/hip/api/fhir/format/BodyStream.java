package jp.hip.api.fhir.format;

import java.io.ByteArrayInputStream;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/**
 * A request body already read into memory, handed on as a blocking servlet stream. Used by the FHIR body cap
 * ({@link FhirBodyLimit}) and the XML reader ({@link FhirXmlRequests}), which both read the body once and pass it on.
 */
final class BodyStream extends ServletInputStream {

    private final ByteArrayInputStream in;

    BodyStream(byte[] body) {
        this.in = new ByteArrayInputStream(body);
    }

    @Override
    public int read() {
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
        return in.read(b, off, len);
    }

    @Override
    public boolean isFinished() {
        return in.available() == 0;
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
        throw new UnsupportedOperationException("blocking stream only");
    }
}
