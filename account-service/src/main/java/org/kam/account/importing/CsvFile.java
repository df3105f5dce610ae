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

    /** One data row: its number (1 = first after the header) and its values by lower-case column. */
    record Row(long number, Map<String, String> values) {

        String get(String column) {
            String value = values.get(column.toLowerCase(Locale.ROOT));
            return value == null || value.isEmpty() ? null : value;
        }
    }

    static void forEachRow(Path file, Consumer<Row> action) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, FORMAT)) {
            Map<String, Integer> header = new TreeMap<>();
            parser.getHeaderMap().forEach((name, index) ->
                    header.put(name.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT), index));
            Iterator<CSVRecord> records = parser.iterator();
            long number = 0;
            while (records.hasNext()) {
                CSVRecord record = records.next();
                number++;
                Map<String, String> values = new TreeMap<>();
                header.forEach((name, index) -> values.put(name, index < record.size() ? record.get(index) : null));
                action.accept(new Row(number, values));
            }
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

    /** The file is not CSV as RFC 4180 describes it (e.g. an unclosed quote, a duplicate column). */
    static final class MalformedCsvException extends RuntimeException {
        MalformedCsvException(String message) {
            super(message);
        }
    }
}
