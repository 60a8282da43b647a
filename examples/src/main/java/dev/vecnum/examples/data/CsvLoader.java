package dev.vecnum.examples.data;

import dev.vecnum.nn.BadInputException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads named numeric columns from a CSV file with a header line, forward-filling empty cells from the row above
 * (like pandas' {@code ffill}). Columns that are not requested are not parsed (the weather file's date index, say).
 *
 * <p>Every problem is a {@link BadInputException} with one line naming the file and, where there is one, the line
 * (1-based, the header is line 1) and the column: a missing, unreadable or empty file, a missing column, a short or
 * long row, a non-numeric or non-finite cell, an empty cell with nothing above it to forward-fill, malformed CSV.
 * Stateless and thread-safe.
 */
public final class CsvLoader
{
    // spellings of NaN and infinity that other tools (pandas, numpy) read, so the message says what is wrong
    private static final java.util.regex.Pattern NON_FINITE =
        java.util.regex.Pattern.compile("(?i)[+-]?(inf|infinity|nan)");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();

    private CsvLoader()
    {
    }

    /**
     * Loads {@code columns} from a UTF-8 file.
     *
     * @param file    the CSV file
     * @param columns column names to read, in the order wanted
     * @return the values, row-major in {@code columns} order
     * @throws BadInputException on any problem with the file or its contents
     */
    public static Table load(final Path file, final List<String> columns)
    {
        final String name = file.toString();
        if (Files.isDirectory(file))
        {
            throw new BadInputException(name + ": is a directory, not a CSV file");
        }
        if (!Files.exists(file))
        {
            throw new BadInputException(name + ": no such file");
        }
        if (!Files.isReadable(file))
        {
            throw new BadInputException(name + ": cannot read file (permission denied)");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            return load(name, reader, columns);
        }
        catch (final NoSuchFileException e)
        {
            throw new BadInputException(name + ": no such file", e);
        }
        catch (final IOException e)
        {
            throw new BadInputException(name + ": cannot read file: " + e, e);
        }
    }

    /**
     * Loads {@code columns} from CSV text.
     *
     * @param source  the name used in messages (a file name)
     * @param reader  the CSV text; not closed
     * @param columns column names to read, in the order wanted
     * @return the values, row-major in {@code columns} order
     * @throws BadInputException on any problem with the contents
     * @throws IOException       if reading fails
     */
    public static Table load(final String source, final Reader reader, final List<String> columns) throws IOException
    {
        try
        {
            return parse(source, FORMAT.parse(reader), columns);
        }
        catch (final UncheckedIOException e)
        {
            throw new BadInputException(source + ": malformed CSV: " + message(e.getCause()), e);
        }
        catch (final IllegalStateException e)
        {
            throw new BadInputException(source + ": malformed CSV: " + message(e), e);
        }
    }

    private static Table parse(final String source, final CSVParser parser, final List<String> columns)
    {
        final Iterator<CSVRecord> records = parser.iterator();
        if (!records.hasNext())
        {
            throw new BadInputException(source + ": empty file (no header line)");
        }
        final CSVRecord header = records.next();
        final int[] index = columnIndexes(source, header, columns);
        final int width = columns.size();
        final List<double[]> rows = new ArrayList<>();
        double[] previous = null;
        while (records.hasNext())
        {
            final CSVRecord record = records.next();
            final long line = parser.getCurrentLineNumber();
            if (record.size() != header.size())
            {
                throw new BadInputException(source + ", line " + line + ": " +
                    (record.size() < header.size() ? "short" : "long") + " row: " + record.size() +
                    " fields, the header has " + header.size());
            }
            final double[] row = new double[width];
            for (int j = 0; j < width; j++)
            {
                final String cell = record.get(index[j]).strip();
                final String where = source + ", line " + line + ", column " + (index[j] + 1) + " (" + columns.get(j) + ")";
                if (cell.isEmpty())
                {
                    if (previous == null)
                    {
                        throw new BadInputException(where + ": empty cell with no value above it to forward-fill");
                    }
                    row[j] = previous[j];
                }
                else
                {
                    row[j] = number(where, cell);
                }
            }
            rows.add(row);
            previous = row;
        }
        if (rows.isEmpty())
        {
            throw new BadInputException(source + ": no data rows after the header");
        }
        final double[] values = new double[rows.size() * width];
        for (int i = 0; i < rows.size(); i++)
        {
            System.arraycopy(rows.get(i), 0, values, i * width, width);
        }
        return new Table(source, List.copyOf(columns), rows.size(), values);
    }

    private static int[] columnIndexes(final String source, final CSVRecord header, final List<String> columns)
    {
        final List<String> names = new ArrayList<>();
        header.forEach(h -> names.add(h.strip()));
        final int[] index = new int[columns.size()];
        for (int j = 0; j < columns.size(); j++)
        {
            index[j] = names.indexOf(columns.get(j));
            if (index[j] < 0)
            {
                throw new BadInputException(source + ", line " + 1 + ": missing column '" +
                    columns.get(j) + "' (the header has " + String.join(", ", names) + ")");
            }
        }
        return index;
    }

    private static double number(final String where, final String cell)
    {
        final char last = cell.charAt(cell.length() - 1);
        final double value;
        try
        {
            // Java also accepts "1d" / "2f" literals; a CSV cell with a type suffix is not a number
            if (last == 'd' || last == 'D' || last == 'f' || last == 'F')
            {
                throw new NumberFormatException(cell);
            }
            value = Double.parseDouble(cell);
        }
        catch (final NumberFormatException e)
        {
            final boolean nonFinite = NON_FINITE.matcher(cell).matches();
            throw new BadInputException(where + ": " + (nonFinite ? "not a finite number" : "not a number") + ": '" +
                cell + "'", e);
        }
        if (!Double.isFinite(value))
        {
            throw new BadInputException(where + ": not a finite number: '" + cell + "'");
        }
        return value;
    }

    private static String message(final Throwable t)
    {
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
