package io.tongban.benchmark;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** A PNG of the rate steps: offered vs completed matters per second (bars) and p99 latency (line). */
final class Chart {
    private static final int W = 900;
    private static final int H = 480;
    private static final int M = 70;

    private Chart() {
    }

    static void draw(List<PlatformBenchmark.Step> steps, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Tongban: offered vs completed matters/s per step, and p99 submit→complete", M, 30);
        g.drawLine(M, H - M, W - M, H - M);
        g.drawLine(M, M, M, H - M);
        if (steps.isEmpty()) {
            g.dispose();
            ImageIO.write(image, "png", file.toFile());
            return;
        }
        double maxRate = steps.stream().mapToDouble(s -> Math.max(s.offeredRate(), s.completedPerSecond())).max().orElse(1);
        long maxP99 = Math.max(1, steps.stream().mapToLong(s -> s.complete().p99()).max().orElse(1));
        int slot = (W - 2 * M) / steps.size();
        int bar = Math.max(4, slot / 3);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int prevX = -1;
        int prevY = -1;
        for (int i = 0; i < steps.size(); i++) {
            PlatformBenchmark.Step s = steps.get(i);
            int x = M + i * slot + slot / 2;
            int offeredH = (int) ((H - 2 * M) * s.offeredRate() / maxRate);
            int completedH = (int) ((H - 2 * M) * s.completedPerSecond() / maxRate);
            g.setColor(new Color(180, 200, 230));
            g.fillRect(x - bar, H - M - offeredH, bar, offeredH);
            g.setColor(s.sustained() ? new Color(60, 150, 60) : new Color(200, 60, 60));
            g.fillRect(x, H - M - completedH, bar, completedH);
            g.setColor(Color.BLACK);
            g.drawString(s.offeredRate() + "/s", x - bar, H - M + 15);
            int y = H - M - (int) ((H - 2 * M) * s.complete().p99() / (double) maxP99);
            g.setColor(new Color(230, 140, 0));
            g.setStroke(new BasicStroke(2));
            g.fillOval(x - 3, y - 3, 6, 6);
            if (prevX >= 0) {
                g.drawLine(prevX, prevY, x, y);
            }
            g.drawString(s.complete().p99() + " ms", x + 4, y - 4);
            prevX = x;
            prevY = y;
        }
        g.setColor(Color.BLACK);
        g.drawString("bars: offered (blue) / completed (green = sustained, red = saturated); line: p99 latency",
                M, H - 20);
        g.drawString(String.format("%.0f/s", maxRate), 5, M + 5);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }
}
