package io.sse4j.cli;

import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The JDK's default {@link SSLContext}, set up only when a connection first needs it.
 *
 * <p>An {@code HttpClient} gets the default context as it is built, and making it reads the
 * trust store and sets up the TLS providers: a third of a second of the command's start-up on a
 * small machine. A stream over plain http never uses it, unless a redirect leads to https; this
 * context then becomes the default one at that moment. Used with empty
 * {@link SSLParameters}, which leave the engine's defaults as they are (the client still turns on
 * host name verification itself), a TLS connection is then the same as with the default context.
 */
final class DeferredTls extends SSLContext {

    private DeferredTls() {
        super(new Spi(), null, "Default");
    }

    /** A context that becomes the default one on first use. */
    static SSLContext context() {
        return new DeferredTls();
    }

    /** The parameters to build the client with, so that building it asks the context nothing. */
    static SSLParameters parameters() {
        return new SSLParameters();
    }

    private static final class Spi extends SSLContextSpi {
        private volatile SSLContext context;

        private SSLContext context() {
            SSLContext c = context;
            if (c == null) {
                try {
                    c = SSLContext.getDefault();
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException("no default TLS context", e);
                }
                context = c;
            }
            return c;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            throw new KeyManagementException("the default context is initialized by the JDK");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return context().getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return context().getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return context().createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return context().createSSLEngine(host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return context().getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return context().getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return context().getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return context().getSupportedSSLParameters();
        }
    }
}
