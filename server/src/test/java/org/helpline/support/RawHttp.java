package org.helpline.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;

/**
 * A raw TCP client for what ordinary HTTP and WebSocket clients will not do: send headers a byte at a time, offer
 * compression and send a compressed (deflate bomb) frame, or name another {@code Host}. Blocking, test thread only.
 */
public final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    public static RawHttp connect(int port) {
        return connectFrom("127.0.0.1", port);
    }

    /** A connection to the server on 127.0.0.1 from this local address (any of 127.0.0.0/8 on Linux). */
    public static RawHttp connectFrom(String localAddress, int port) {
        try {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            socket.setSoTimeout(15_000);
            return new RawHttp(socket);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Writes text; false when the server has closed the connection. */
    public boolean write(String text) {
        return write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public boolean write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The response head (status line and headers), up to the blank line. */
    public String readHead() {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads until the server closes the connection or has sent a WebSocket close frame (it then waits for the client's
     * answer); what came (bytes), or throws when neither happened in time.
     */
    public byte[] readUntilClosed(Duration within) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + within.toNanos();
        try {
            socket.setSoTimeout(100);
            while (System.nanoTime() < deadline) {
                try {
                    int b = in.read();
                    if (b < 0) {
                        return all.toByteArray();
                    }
                    all.write(b);
                    if (closeCode(all.toByteArray()) > 0) {
                        return all.toByteArray();
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // keep waiting
                }
            }
        } catch (IOException reset) {
            return all.toByteArray();
        }
        throw new AssertionError("the server kept the connection open for " + within);
    }

    /** A WebSocket handshake offering permessage-deflate; the response head. */
    public String webSocketHandshake(String path, String host, String origin) {
        write("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n");
        return readHead();
    }

    /**
     * A masked text frame with the compression bit set whose payload is {@code inflatedBytes} of the same character,
     * deflated (about a thousandth of that size on the wire).
     */
    public static byte[] deflateBomb(int inflatedBytes) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'a');
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (int done = 0; done < inflatedBytes; done += chunk.length) {
            deflater.setInput(chunk, 0, Math.min(chunk.length, inflatedBytes - done));
            while (!deflater.needsInput()) {
                compressed.write(buffer, 0, deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH));
            }
        }
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            compressed.write(buffer, 0, n);
        } while (n == buffer.length);
        deflater.end();
        byte[] payload = compressed.toByteArray();
        byte[] body = Arrays.copyOf(payload, payload.length - 4); // permessage-deflate drops 00 00 ff ff
        return maskedFrame(0xC1, body);
    }

    /** A masked client frame: {@code firstByte} holds FIN, RSV and the opcode. */
    public static byte[] maskedFrame(int firstByte, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(firstByte);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift) & 0xFF);
            }
        }
        byte[] mask = new byte[4];
        new Random().nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    /**
     * The status code of the first close frame among the server's frames in {@code received} (unmasked, whole or
     * not), or -1 when there is none yet, or when {@code received} is not WebSocket frames (an HTTP body).
     */
    public static int closeCode(byte[] received) {
        int at = 0;
        while (at + 2 <= received.length) {
            if (!serverFrameHeader(received[at], received[at + 1])) {
                return -1;
            }
            int length = received[at + 1] & 0x7F;
            int header = 2;
            if (length == 126 || length == 127) {
                header += length == 126 ? 2 : 8;
                if (at + header > received.length) {
                    return -1;
                }
                length = 0;
                for (int i = at + 2; i < at + header; i++) {
                    length = length << 8 | received[i] & 0xFF;
                }
            }
            if ((received[at] & 0x0F) == 0x8) {
                return at + header + 2 <= received.length
                        ? (received[at + header] & 0xFF) << 8 | received[at + header + 1] & 0xFF : -1;
            }
            at += header + length;
        }
        return -1;
    }

    /** Whether two bytes can start a frame from a server: no reserved bit, a known opcode, not masked. */
    private static boolean serverFrameHeader(byte first, byte second) {
        int opcode = first & 0x0F;
        return (first & 0x70) == 0 && (second & 0x80) == 0 && (opcode <= 0x2 || opcode >= 0x8 && opcode <= 0xA);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
