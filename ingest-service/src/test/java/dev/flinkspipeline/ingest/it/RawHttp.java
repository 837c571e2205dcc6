package dev.flinkspipeline.ingest.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for what an HTTP client will not send: a body slower than declared, a
 * huge request line or header section, TRACE, a connection left idle.
 */
final class RawHttp implements AutoCloseable {

    private final Socket socket;

    private RawHttp(Socket socket) {
        this.socket = socket;
    }

    static RawHttp open() {
        String[] hostPort =
                IngestTestResource.baseUrl().substring("http://".length()).split(":");
        try {
            Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
            socket.setSoTimeout(60_000);
            return new RawHttp(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String host() {
        return IngestTestResource.baseUrl().substring("http://".length());
    }

    /** The request head: request line, {@code Host}, the given field lines, the blank line. */
    static String head(String method, String target, String... fields) {
        StringBuilder head = new StringBuilder(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host())
                .append("\r\n");
        for (String field : fields) {
            head.append(field).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    RawHttp send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawHttp send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes without failing when the server has closed (it may answer before reading everything). */
    boolean trySend(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads one response (an interim 1xx has no body; else Content-Length delimited, or to the end of the connection). */
    Answer read(int timeoutMillis) {
        try {
            socket.setSoTimeout(timeoutMillis);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                if (endsWithBlankLine(head.toByteArray())) {
                    break;
                }
            }
            String headText = head.toString(StandardCharsets.ISO_8859_1);
            if (headText.isEmpty()) {
                return new Answer(0, "", "");
            }
            int status = Integer.parseInt(headText.substring(9, 12));
            int length = status < 200 ? 0 : contentLength(headText);
            byte[] body = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
            return new Answer(status, headText, new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the server closes the connection (reading and dropping what it sends); the elapsed
     * milliseconds, or -1 when it was still open after {@code timeoutMillis}.
     */
    long awaitClose(int timeoutMillis) {
        long start = System.nanoTime();
        try {
            socket.setSoTimeout(timeoutMillis);
            while (socket.getInputStream().read() >= 0) {
                // what the server sends before closing (an answer) is dropped
            }
            return (System.nanoTime() - start) / 1_000_000;
        } catch (SocketTimeoutException e) {
            return -1;
        } catch (IOException e) {
            // reset: closed too
            return (System.nanoTime() - start) / 1_000_000;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static boolean endsWithBlankLine(byte[] bytes) {
        int n = bytes.length;
        return n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n';
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(
                        line.substring("content-length:".length()).trim());
            }
        }
        return -1;
    }

    record Answer(int status, String head, String body) {

        String header(String name) {
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":")) {
                    return line.substring(name.length() + 1).trim();
                }
            }
            return null;
        }
    }
}
