package io.sse4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.http.HttpClient;
import java.security.KeyManagementException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

/** The TLS context set up on first use is the JDK's default one from then on. */
class DeferredTlsTest {

    @Test
    void aClientBuildsWithoutItAndAnEngineIsTheDefaultContextsEngine() throws Exception {
        SSLContext deferred = DeferredTls.context();
        HttpClient client = HttpClient.newBuilder().sslContext(deferred).sslParameters(DeferredTls.parameters()).build();
        assertEquals(deferred, client.sslContext());

        SSLEngine engine = deferred.createSSLEngine("example.com", 443);
        SSLEngine expected = SSLContext.getDefault().createSSLEngine("example.com", 443);
        assertEquals("example.com", engine.getPeerHost());
        assertArrayEquals(expected.getEnabledProtocols(), engine.getEnabledProtocols());
        assertArrayEquals(expected.getEnabledCipherSuites(), engine.getEnabledCipherSuites());
        assertEquals(SSLContext.getDefault().getClientSessionContext(), deferred.getClientSessionContext());
        assertArrayEquals(SSLContext.getDefault().getDefaultSSLParameters().getProtocols(),
                deferred.getDefaultSSLParameters().getProtocols());
        assertThrows(KeyManagementException.class, () -> deferred.init(null, null, null));
    }
}
