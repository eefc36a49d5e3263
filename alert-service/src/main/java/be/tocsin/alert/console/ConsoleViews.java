package be.tocsin.alert.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import be.tocsin.alert.campaign.CampaignViews;

/** What the console pages draw beyond the API's data: number ranges as grids, reports per hour as a chart. */
public final class ConsoleViews {

    private ConsoleViews() {
    }

    /** One cell of a range grid: the next two digits after the prefix, and whether a number there was reported. */
    public record Cell(String digits, boolean reported) {
    }

    /** A NUMBER_RANGE laid out as 10 × 10 cells, so the rotation through the block is visible at a glance. */
    public record RangeGrid(String prefix, int reportCount, List<List<Cell>> rows, long reportedCells) {
    }

    /** One bar of the chart, in SVG user units. */
    public record Bar(int x, int y, int width, int height, String title) {
    }

    public record Chart(int width, int height, List<Bar> bars, int max, String from, String to) {
    }

    public static List<RangeGrid> ranges(List<CampaignViews.IndicatorCount> indicators) {
        Set<String> numbers = indicators.stream().filter(i -> "NUMBER".equals(i.type()) || "CALLBACK_NUMBER".equals(i.type()))
                .map(CampaignViews.IndicatorCount::value).collect(Collectors.toSet());
        List<RangeGrid> grids = new ArrayList<>();
        for (CampaignViews.IndicatorCount range : indicators) {
            if (!"NUMBER_RANGE".equals(range.type())) {
                continue;
            }
            List<List<Cell>> rows = new ArrayList<>();
            long reported = 0;
            for (int tens = 0; tens < 10; tens++) {
                List<Cell> row = new ArrayList<>();
                for (int units = 0; units < 10; units++) {
                    String digits = "" + tens + units;
                    String cellPrefix = range.value() + digits;
                    boolean hit = numbers.stream().anyMatch(n -> n.startsWith(cellPrefix));
                    reported += hit ? 1 : 0;
                    row.add(new Cell(digits, hit));
                }
                rows.add(row);
            }
            grids.add(new RangeGrid(range.value(), range.reportCount(), rows, reported));
        }
        return grids;
    }

    /** Reports per hour as bars (server-rendered SVG: no script, allowed by the strict CSP). */
    public static Chart chart(List<CampaignViews.HourCount> hours) {
        int width = 720;
        int height = 140;
        if (hours.isEmpty()) {
            return new Chart(width, height, List.of(), 0, "", "");
        }
        Instant first = hours.get(0).hour();
        Instant last = hours.get(hours.size() - 1).hour();
        long span = Math.max(1, (last.getEpochSecond() - first.getEpochSecond()) / 3600 + 1);
        int max = hours.stream().mapToInt(CampaignViews.HourCount::reports).max().orElse(1);
        int barWidth = (int) Math.max(2, width / span - 1);
        List<Bar> bars = new ArrayList<>();
        for (CampaignViews.HourCount hour : hours) {
            long slot = (hour.hour().getEpochSecond() - first.getEpochSecond()) / 3600;
            int barHeight = Math.max(1, hour.reports() * (height - 10) / Math.max(1, max));
            bars.add(new Bar((int) (slot * width / span), height - barHeight, barWidth, barHeight,
                    hour.hour() + ": " + hour.reports() + " report(s)"));
        }
        return new Chart(width, height, bars, max, first.toString(), last.toString());
    }
}
