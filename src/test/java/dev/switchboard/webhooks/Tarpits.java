package dev.switchboard.webhooks;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Webhook receivers that hold a delivery as long as they are let: one that accepts and never
 * answers, and one that answers 200 with a chunked body, one byte every three seconds.
 */
final class Tarpits implements AutoCloseable {

    private final ServerSocket server;
    private final boolean trickle;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private Tarpits(boolean trickle) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.trickle = trickle;
        this.acceptor = daemon(this::accept);
    }

    /** Accepts connections and never says a word. */
    static Tarpits silent() throws IOException {
        return new Tarpits(false);
    }

    /** Answers 200 at once, then sends its chunked body a byte every three seconds, forever. */
    static Tarpits trickling() throws IOException {
        return new Tarpits(true);
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/hooks";
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                held.add(socket);
                if (trickle) {
                    daemon(() -> trickle(socket));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private static Thread daemon(Runnable work) {
        Thread thread = new Thread(work, "tarpit");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void trickle(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            while (!socket.isClosed()) {
                out.write("1\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(3_000);
            }
        } catch (IOException | InterruptedException e) {
            // the delivery gave up on us: what is wanted
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
        for (Socket socket : held) {
            socket.close();
        }
    }
}
