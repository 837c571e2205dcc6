package dev.flinkspipeline.schemas.serde;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * A decoder over a record's Avro bytes that checks every length prefix (strings, bytes, map keys)
 * against the bytes actually left before allocating.
 *
 * <p>Why: Avro's {@link BinaryDecoder} allocates the declared length first and reads after, so one
 * corrupt or hostile record declaring a 2 GB string makes a consumer fail with OutOfMemoryError. Here
 * such a record fails with a clear "corrupt" error instead. Everything else is delegated.
 */
final class BoundedDecoder extends Decoder {

    private final BinaryDecoder in;
    private final InputStream remaining;

    BoundedDecoder(BinaryDecoder in) {
        this.in = in;
        this.remaining = in.inputStream();
    }

    boolean isEnd() throws IOException {
        return in.isEnd();
    }

    private int checkedLength(String what) throws IOException {
        long length = in.readLong();
        if (length < 0) {
            throw new AvroRuntimeException("Malformed data: " + what + " length is negative: " + length);
        }
        int left = remaining.available();
        if (length > left) {
            throw new AvroRuntimeException(
                    "Malformed data: " + what + " of " + length + " bytes declared but only " + left + " bytes left");
        }
        return (int) length;
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = checkedLength("string");
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        if (length > 0) {
            in.readFixed(result.getBytes(), 0, length);
        }
        return result;
    }

    @Override
    public String readString() throws IOException {
        return readString(null).toString();
    }

    @Override
    public void skipString() throws IOException {
        in.skipFixed(checkedLength("string"));
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = checkedLength("bytes");
        ByteBuffer result = old != null && old.capacity() >= length ? old : ByteBuffer.allocate(length);
        result.clear();
        in.readFixed(result.array(), result.arrayOffset(), length);
        result.limit(length);
        return result;
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipFixed(checkedLength("bytes"));
    }

    @Override
    public void readNull() throws IOException {
        in.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return in.readDouble();
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        in.readFixed(bytes, start, length);
    }

    @Override
    public void skipFixed(int length) throws IOException {
        in.skipFixed(length);
    }

    @Override
    public int readEnum() throws IOException {
        return in.readEnum();
    }

    @Override
    public long readArrayStart() throws IOException {
        return in.readArrayStart();
    }

    @Override
    public long arrayNext() throws IOException {
        return in.arrayNext();
    }

    @Override
    public long skipArray() throws IOException {
        return in.skipArray();
    }

    @Override
    public long readMapStart() throws IOException {
        return in.readMapStart();
    }

    @Override
    public long mapNext() throws IOException {
        return in.mapNext();
    }

    @Override
    public long skipMap() throws IOException {
        return in.skipMap();
    }

    @Override
    public int readIndex() throws IOException {
        return in.readIndex();
    }
}
