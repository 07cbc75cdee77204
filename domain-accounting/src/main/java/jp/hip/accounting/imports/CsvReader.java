package jp.hip.accounting.imports;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV read in memory with the file's physical line numbers: each record carries the line it starts on,
 * counting blank lines and the line breaks inside quoted cells, so a message names the line an editor shows.
 * Blank lines are skipped (and counted). Cells are stripped of surrounding spaces. A quote that is never closed,
 * or text after a closing quote, makes the file malformed at that line.
 */
final class CsvReader {

    /** Raised for a malformed file; {@link #line} is the physical line where reading stopped. */
    static final class Malformed extends Exception {
        final int line;

        Malformed(int line) {
            super("malformed CSV at line " + line, null, false, false);
            this.line = line;
        }
    }

    private CsvReader() {}

    /**
     * @param maxRecords stops after this many records (the caller reports "too many rows")
     */
    static List<ImportTable.Cells> read(String text, int maxRecords) throws Malformed {
        List<ImportTable.Cells> records = new ArrayList<>();
        int n = text.length();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int line = 1;
        StringBuilder cell = new StringBuilder();
        while (i < n && records.size() < maxRecords) {
            int startLine = line;
            List<String> cells = new ArrayList<>();
            boolean recordDone = false;
            while (!recordDone) {
                cell.setLength(0);
                // skip leading spaces before a quote
                int j = i;
                while (j < n && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
                    j++;
                }
                if (j < n && text.charAt(j) == '"') {
                    i = j + 1;
                    while (true) {
                        if (i >= n) {
                            throw new Malformed(startLine);
                        }
                        char c = text.charAt(i);
                        if (c == '"') {
                            if (i + 1 < n && text.charAt(i + 1) == '"') {
                                cell.append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        if (c == '\n' || (c == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n'))) {
                            line++;
                        }
                        cell.append(c);
                        i++;
                    }
                    while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                        i++;
                    }
                    if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\r' && text.charAt(i) != '\n') {
                        throw new Malformed(line);
                    }
                    cells.add(cell.toString());
                } else {
                    int start = i;
                    while (i < n) {
                        char c = text.charAt(i);
                        if (c == ',' || c == '\r' || c == '\n') {
                            break;
                        }
                        if (c == '"') {
                            throw new Malformed(line);
                        }
                        i++;
                    }
                    cells.add(text.substring(start, i).strip());
                }
                if (i >= n) {
                    recordDone = true;
                } else if (text.charAt(i) == ',') {
                    i++;
                } else {
                    // line break: \r\n, \n or \r
                    if (text.charAt(i) == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    i++;
                    line++;
                    recordDone = true;
                }
            }
            if (cells.size() == 1 && cells.get(0).isEmpty()) {
                continue; // a blank line: counted, not a record
            }
            records.add(new ImportTable.Cells(startLine, cells));
        }
        return records;
    }
}
