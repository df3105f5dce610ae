package org.kam.account.importing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an RFC 4180 CSV file with a header line, one row at a time (a million-row file never sits
 * in memory). Column names are matched ignoring case and surrounding blanks.
 */
final class CsvFile {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get();

    private CsvFile() {
    }

    /** No value of a row is longer: names, ids and amounts are short; a longer one is a mistake. */
    static final int MAX_FIELD_CHARS = 1000;
    /** No line is longer, so a file without line breaks cannot fill the heap while it is parsed. */
    static final int MAX_LINE_CHARS = 64 * 1024;

    /** One data row: its number (1 = first after the header) and its values by lower-case column. */
    record Row(long number, Map<String, String> values) {

        String get(String column) {
            String value = values.get(column.toLowerCase(Locale.ROOT));
            if (value != null && value.length() > MAX_FIELD_CHARS) {
                throw new org.kam.chassis.messaging.InvalidEventException(column.toLowerCase(Locale.ROOT),
                        "is " + value.length() + " characters long, more than the limit of " + MAX_FIELD_CHARS);
            }
            return value == null || value.isEmpty() ? null : value;
        }
    }

    /** Reads every row, up to {@code maxRows} (more is a malformed file: nothing is imported). */
    static void forEachRow(Path file, long maxRows, Consumer<Row> action) {
        try (BufferedReader reader = new BufferedReader(new LineLimit(Files.newBufferedReader(file, StandardCharsets.UTF_8)));
                CSVParser parser = CSVParser.parse(reader, FORMAT)) {
            Map<String, Integer> header = new TreeMap<>();
            parser.getHeaderMap().forEach((name, index) ->
                    header.put(name.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT), index));
            Iterator<CSVRecord> records = parser.iterator();
            long number = 0;
            while (records.hasNext()) {
                CSVRecord record = records.next();
                number++;
                if (number > maxRows) {
                    throw new MalformedCsvException("the file has more than " + maxRows + " data rows, the limit");
                }
                Map<String, String> values = new TreeMap<>();
                header.forEach((name, index) -> values.put(name, index < record.size() ? record.get(index) : null));
                action.accept(new Row(number, values));
            }
        } catch (LineTooLong e) {
            throw new MalformedCsvException(e.getMessage());
        } catch (CSVException e) {
            throw new MalformedCsvException(e.getMessage());
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CSVException malformed) {
                throw new MalformedCsvException(malformed.getMessage());
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file.getFileName(), e);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new MalformedCsvException(e.getMessage());
        }
    }

    /** Cuts the reading off at a line longer than {@link #MAX_LINE_CHARS}. */
    private static final class LineLimit extends java.io.FilterReader {
        private int lineLength;

        LineLimit(java.io.Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = 0; i < n; i++) {
                count(buffer[offset + i]);
            }
            return n;
        }

        private void count(char c) throws LineTooLong {
            lineLength = c == '\n' ? 0 : lineLength + 1;
            if (lineLength > MAX_LINE_CHARS) {
                throw new LineTooLong();
            }
        }
    }

    private static final class LineTooLong extends IOException {
        LineTooLong() {
            super("a line is longer than " + MAX_LINE_CHARS + " characters, the limit");
        }
    }

    /** The file is not CSV as RFC 4180 describes it (e.g. an unclosed quote, a duplicate column). */
    static final class MalformedCsvException extends RuntimeException {
        MalformedCsvException(String message) {
            super(message);
        }
    }
}
