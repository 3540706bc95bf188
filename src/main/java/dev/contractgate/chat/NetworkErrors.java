package dev.contractgate.chat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/** Which failed HTTP calls certainly did not reach the server: the rest may have been acted on. */
public final class NetworkErrors {
    private NetworkErrors() {
    }

    /**
     * True when the request cannot have been received: the host was not found, the connection was refused or could
     * not be opened in time. A timeout while waiting for the answer, or a connection dropped after the request was
     * written, is not such a case: the server may have acted on it.
     */
    public static boolean certainlyNotSent(IOException e) {
        if (e instanceof UnknownHostException || e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return true;
        }
        if (e instanceof SocketTimeoutException) {
            String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
            return message.contains("connect");
        }
        return false;
    }
}
