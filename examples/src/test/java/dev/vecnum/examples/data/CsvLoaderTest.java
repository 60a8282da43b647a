package dev.vecnum.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vecnum.nn.BadInputException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvLoaderTest
{
    private static final List<String> COLUMNS = List.of("a", "c");

    @TempDir
    Path dir;

    private static Table parse(final String csv) throws IOException
    {
        return CsvLoader.load("t.csv", new StringReader(csv), COLUMNS);
    }

    private static String error(final String csv)
    {
        return assertThrows(BadInputException.class, () -> parse(csv)).getMessage();
    }

    @Test
    void shouldReadRequestedColumnsInRequestedOrderAndSkipOthers() throws IOException
    {
        final Table table = CsvLoader.load("t.csv", new StringReader("d,c,b,a\nx,1,y,2\nz,3,w,4\n"), COLUMNS);
        assertEquals(2, table.rows());
        assertArrayEquals(new double[] {2, 1, 4, 3}, table.values(), 0.0);
    }

    @Test
    void shouldForwardFillEmptyCellsFromTheRowAbove() throws IOException
    {
        final Table table = parse("a,b,c\n1,x,2\n,x,3\n5,x,\n,x,  \n");
        assertArrayEquals(new double[] {1, 2, 1, 3, 5, 3, 5, 3}, table.values(), 0.0);
    }

    @Test
    void shouldAcceptCrlfQuotesAndNoFinalNewline() throws IOException
    {
        final Table table = parse("a,b,c\r\n\"1.5\",\"x,y\",-2e1\r\n3,z,4");
        assertArrayEquals(new double[] {1.5, -20, 3, 4}, table.values(), 0.0);
    }

    @Test
    void shouldNameLineAndColumnOfANonNumericCell()
    {
        assertEquals("t.csv, line 3, column 3 (c): not a number: 'abc'", error("a,b,c\n1,2,3\n4,5,abc\n"));
    }

    @Test
    void shouldRejectJavaTypeSuffixes()
    {
        assertEquals("t.csv, line 2, column 1 (a): not a number: '1d'", error("a,b,c\n1d,2,3\n"));
    }

    @Test
    void shouldRejectNonFiniteCells()
    {
        assertEquals("t.csv, line 2, column 3 (c): not a finite number: 'NaN'", error("a,b,c\n1,2,NaN\n"));
        assertEquals("t.csv, line 3, column 1 (a): not a finite number: 'Infinity'",
            error("a,b,c\n1,2,3\nInfinity,2,3\n"));
        assertEquals("t.csv, line 2, column 1 (a): not a finite number: '1e999'", error("a,b,c\n1e999,2,3\n"));
    }

    @Test
    void shouldRejectALeadingEmptyCell()
    {
        assertEquals("t.csv, line 2, column 3 (c): empty cell with no value above it to forward-fill",
            error("a,b,c\n1,2,\n3,4,5\n"));
    }

    @Test
    void shouldRejectShortAndLongRows()
    {
        assertEquals("t.csv, line 4: short row: 2 fields, the header has 3", error("a,b,c\n1,2,3\n1,2,3\n1,2\n"));
        assertEquals("t.csv, line 2: long row: 4 fields, the header has 3", error("a,b,c\n1,2,3,4\n"));
    }

    @Test
    void shouldCountPhysicalLinesAcrossBlankLines()
    {
        assertEquals("t.csv, line 4, column 1 (a): not a number: 'q'", error("a,b,c\n1,2,3\n\nq,2,3\n"));
    }

    @Test
    void shouldRejectAMissingColumn()
    {
        assertEquals("t.csv, line 1: missing column 'c' (the header has a, b)", error("a,b\n1,2\n"));
    }

    @Test
    void shouldRejectEmptyFilesAndHeaderOnlyFiles()
    {
        assertEquals("t.csv: empty file (no header line)", error(""));
        assertEquals("t.csv: no data rows after the header", error("a,b,c\n"));
    }

    @Test
    void shouldRejectMalformedCsv()
    {
        assertEquals(true, error("a,b,c\n1,\"2,3\n").startsWith("t.csv: malformed CSV: "));
    }

    @Test
    void shouldRejectMissingFilesAndDirectories() throws IOException
    {
        final Path missing = dir.resolve("missing.csv");
        assertEquals(missing + ": no such file",
            assertThrows(BadInputException.class, () -> CsvLoader.load(missing, COLUMNS)).getMessage());
        assertEquals(dir + ": is a directory, not a CSV file",
            assertThrows(BadInputException.class, () -> CsvLoader.load(dir, COLUMNS)).getMessage());
        final Path empty = Files.createFile(dir.resolve("empty.csv"));
        assertEquals(empty + ": empty file (no header line)",
            assertThrows(BadInputException.class, () -> CsvLoader.load(empty, COLUMNS)).getMessage());
    }

    @Test
    void shouldLoadTheBundledWeatherData()
    {
        final Table table = BundledData.load(DataSplit.columns(BundledData.FEATURES, BundledData.TARGET));
        assertEquals(13509, table.rows());
        assertArrayEquals(new double[] {60, 35, 0, 52}, java.util.Arrays.copyOf(table.values(), 4), 0.0);
    }
}
