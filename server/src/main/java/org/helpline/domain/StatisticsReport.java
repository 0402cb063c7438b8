package org.helpline.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The statistics as published: rows per day or per calendar month, for the network ({@code all}) and each
 * association, every figure passed through the {@link SmallCountSuppression} rule. Each day is protected on its own
 * (its rows and the sums across them, searched for another table a reader could not tell apart), so a day reads the
 * same in every export; a month is protected together with its days as published, by the range rule, so that a month
 * minus its days cannot give a day's {@code <5} cell by subtraction.
 */
public final class StatisticsReport {
    /** The row of the whole network. */
    public static final String ALL = "all";

    private final ChatFigures figures;
    private final SmallCountSuppression suppression;

    public StatisticsReport(ChatFigures figures, SmallCountSuppression suppression) {
        this.figures = figures;
        this.suppression = suppression;
    }

    /** One block of rows per day from {@code from} to {@code to}; a day missing from {@code counts} had no chat. */
    public List<StatisticsRow> days(Map<LocalDate, DayCounts> counts, LocalDate from, LocalDate to) {
        List<StatisticsRow> rows = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            rows.addAll(day(counts, day).rows(day.toString()));
        }
        return rows;
    }

    /** One block of rows per calendar month; {@code counts} must hold every day of those months that had chats. */
    public List<StatisticsRow> months(Map<LocalDate, DayCounts> counts, YearMonth from, YearMonth to) {
        List<StatisticsRow> rows = new ArrayList<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            CountGrid grid = new CountGrid();
            List<Block> days = new ArrayList<>();
            List<DayCounts> dayCounts = new ArrayList<>();
            for (LocalDate day = month.atDay(1); !day.isAfter(month.atEndOfMonth()); day = day.plusDays(1)) {
                Block published = day(counts, day);
                published.place(grid, true);
                days.add(published);
                dayCounts.add(counts.getOrDefault(day, DayCounts.EMPTY));
            }
            Block total = new Block(dayCounts);
            total.place(grid, false);
            for (int row = 0; row < total.associations.size(); row++) {
                for (int column = 0; column < figures.columns().size(); column++) {
                    List<Integer> parts = new ArrayList<>();
                    for (Block day : days) {
                        day.cell(total.associations.get(row), column).ifPresent(parts::add);
                    }
                    grid.sum(total.cells[row][column], parts);
                }
            }
            total.disclose(suppression.protectByRanges(grid));
            rows.addAll(total.rows(month.toString()));
        }
        return rows;
    }

    private Block day(Map<LocalDate, DayCounts> counts, LocalDate day) {
        Block block = new Block(List.of(counts.getOrDefault(day, DayCounts.EMPTY)));
        CountGrid grid = new CountGrid();
        block.place(grid, false);
        block.disclose(suppression.protect(grid));
        return block;
    }

    /** The rows of one period: the network first, then the associations by id, {@code none} last. */
    private final class Block {
        private final List<String> associations = new ArrayList<>();
        private final long[][] values;
        private final WaitHistogram[] waits;
        private final int[][] cells;
        private final int received = figures.columns().indexOf(ChatFigures.RECEIVED);
        private Disclosure[][] shown;

        Block(List<DayCounts> days) {
            TreeSet<String> ids = new TreeSet<>(Comparator.comparing((String id) -> DayCounts.NONE.equals(id))
                    .thenComparing(Comparator.naturalOrder()));
            days.forEach(day -> ids.addAll(day.byAssociation().keySet()));
            associations.add(ALL);
            associations.addAll(ids);
            List<String> columns = figures.columns();
            values = new long[associations.size()][columns.size()];
            waits = new WaitHistogram[associations.size()];
            cells = new int[associations.size()][columns.size()];
            for (int row = 0; row < associations.size(); row++) {
                waits[row] = new WaitHistogram();
            }
            for (int row = 1; row < associations.size(); row++) {
                for (DayCounts day : days) {
                    add(row, day.byAssociation().getOrDefault(associations.get(row), Map.of()));
                }
                for (int column = 0; column < columns.size(); column++) {
                    values[0][column] += values[row][column];
                }
                waits[0].addAll(waits[row]);
            }
        }

        private void add(int row, Map<String, Long> stored) {
            List<String> columns = figures.columns();
            for (int column = 0; column < columns.size(); column++) {
                values[row][column] += stored.getOrDefault(columns.get(column), 0L);
            }
            values[row][columns.indexOf(ChatFigures.UNANSWERED_WITH_ALTERNATIVE)] +=
                    stored.getOrDefault(ChatFigures.REDIRECTED, 0L)
                    + stored.getOrDefault(ChatFigures.LEFT_AFTER_ALTERNATIVE, 0L);
            stored.forEach((figure, count) -> {
                if (figure.startsWith(ChatFigures.WAIT_PREFIX)) {
                    waits[row].add(figure.substring(ChatFigures.WAIT_PREFIX.length()), count);
                }
            });
        }

        /**
         * Puts the cells in the grid, free or as already published, with the sums of each row and across rows. A
         * figure that is zero by construction (and is zero) is known to every reader: it goes in as published, 0.
         */
        void place(CountGrid grid, boolean published) {
            boolean zeroesHold = true;
            for (int row = 0; row < associations.size(); row++) {
                List<Integer> zero = figures.zeroByConstruction(associations.get(row));
                for (int column = 0; column < values[row].length; column++) {
                    long value = values[row][column];
                    zeroesHold &= value == 0 || !zero.contains(column);
                    cells[row][column] = published ? grid.published(value, shown[row][column])
                            : value == 0 && zero.contains(column) ? grid.published(0, Disclosure.SHOWN)
                            : grid.cell(value);
                }
                int[] rowCells = cells[row];
                if (row > 0) {
                    listed(grid, row);
                }
                for (List<Integer> sum : figures.rowSums()) {
                    grid.sum(rowCells[sum.get(0)],
                            sum.subList(1, sum.size()).stream().map(column -> rowCells[column]).toList());
                }
            }
            for (int column = 0; column < figures.columns().size(); column++) {
                List<Integer> parts = new ArrayList<>();
                for (int row = 1; row < associations.size(); row++) {
                    parts.add(cells[row][column]);
                }
                grid.sum(cells[0][column], parts);
            }
            if (zeroesHold) {
                unansweredSum(grid);
            }
        }

        /**
         * A row other than the network's is listed only when it has a figure, and a chat counted there is received
         * there but for its outcome tags (given on a later day than its end, or before a transfer): so a reader knows
         * that the row received at least one chat or, for a row that received none, that its tags add up to at least
         * one (a sum shown nowhere). Taking the first where it holds is assuming more than a reader can know where the
         * row has tags too: never less.
         */
        private void listed(CountGrid grid, int row) {
            if (values[row][received] > 0) {
                grid.atLeastOne(cells[row][received]);
                return;
            }
            List<Integer> tags = new ArrayList<>();
            long given = 0;
            for (int column = 0; column < values[row].length; column++) {
                if (figures.columns().get(column).startsWith(ChatFigures.TAG_PREFIX)) {
                    tags.add(cells[row][column]);
                    given += values[row][column];
                }
            }
            if (given > 0) {
                int sum = grid.unpublished(given);
                grid.atLeastOne(sum);
                grid.sum(sum, tags);
            }
        }

        /**
         * The network's chats nobody answered are the row {@code none}: received = answered + none's received. The sums
         * above imply it (no association has an unanswered chat, {@code none} no answered one), but only several at
         * once; given as a sum of its own, the range rule sees it too.
         */
        private void unansweredSum(CountGrid grid) {
            List<Integer> parts = new ArrayList<>(List.of(cells[0][figures.columns().indexOf(ChatFigures.ANSWERED)]));
            cell(DayCounts.NONE, received).ifPresent(parts::add);
            grid.sum(cells[0][received], parts);
        }

        Optional<Integer> cell(String association, int column) {
            int row = associations.indexOf(association);
            return row < 0 ? Optional.empty() : Optional.of(cells[row][column]);
        }

        void disclose(Disclosure[] byCell) {
            shown = new Disclosure[associations.size()][];
            for (int row = 0; row < associations.size(); row++) {
                shown[row] = new Disclosure[cells[row].length];
                for (int column = 0; column < cells[row].length; column++) {
                    shown[row][column] = byCell[cells[row][column]];
                }
            }
        }

        /**
         * The rows as published. The waits of a row are shown only when its answered chats and how many of them were
         * answered within the service level are published: one of the two service-level figures shown, the other
         * follows. A wait bucket bounds how many waits were short, so it could otherwise pin a {@code <5}
         * service-level figure (7 answered, median at most 30 s: at least 4 within 60 s).
         */
        List<StatisticsRow> rows(String period) {
            List<String> columns = figures.columns();
            int answered = columns.indexOf(ChatFigures.ANSWERED);
            int within = columns.indexOf(ChatFigures.WITHIN_SERVICE_LEVEL);
            int after = columns.indexOf(ChatFigures.AFTER_SERVICE_LEVEL);
            List<StatisticsRow> rows = new ArrayList<>();
            for (int row = 0; row < associations.size(); row++) {
                List<StatisticsRow.Count> counts = new ArrayList<>();
                for (int column = 0; column < values[row].length; column++) {
                    counts.add(new StatisticsRow.Count(values[row][column], shown[row][column]));
                }
                boolean waitsShown = shown[row][answered] == Disclosure.SHOWN
                        && (shown[row][within] == Disclosure.SHOWN || shown[row][after] == Disclosure.SHOWN);
                rows.add(new StatisticsRow(period, associations.get(row), counts,
                        waitsShown ? waits[row].quantile(0.5) : Optional.empty(),
                        waitsShown ? waits[row].quantile(0.9) : Optional.empty()));
            }
            return rows;
        }
    }
}
