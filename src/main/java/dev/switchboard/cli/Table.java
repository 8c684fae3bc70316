package dev.switchboard.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table whose columns are as wide as their widest cell, header included. */
final class Table {

    private final List<List<String>> rows = new ArrayList<>();

    Table(List<String> header) {
        rows.add(List.copyOf(header));
    }

    void add(List<String> row) {
        if (row.size() != rows.get(0).size()) {
            throw new IllegalArgumentException("a row of " + row.size() + " cells in a table of " + rows.get(0).size());
        }
        rows.add(row.stream().map(String::valueOf).toList());
    }

    /** Columns two spaces apart; the last one is not padded. */
    @Override
    public String toString() {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (var row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        var out = new StringBuilder();
        for (var row : rows) {
            for (int i = 0; i < columns; i++) {
                out.append(i == columns - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }
}
