package dev.intriguing.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A grid of grey-scale images, each with an optional caption underneath: the picture behind {@code %dataset},
 * {@code %units} and the adversarial triplets.
 *
 * <pre>{@code
 * BufferedImage img = ImageGrid.builder(28, 28).columns(8).scale(3)
 *         .add(pixels, "5").add(pixels2, "0").build();
 * }</pre>
 */
public final class ImageGrid {
    private ImageGrid() {
    }

    /** A new grid of images of {@code height × width} pixels. */
    public static Builder builder(int height, int width) {
        return new Builder(height, width);
    }

    /** Encodes an image as PNG bytes. */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Collects cells, then draws them. */
    public static final class Builder {
        private final int height;
        private final int width;
        private int columns = 10;
        private int scale = 2;
        private String title;
        private final java.util.ArrayList<float[]> images = new java.util.ArrayList<>();
        private final java.util.ArrayList<String> captions = new java.util.ArrayList<>();

        private Builder(int height, int width) {
            this.height = height;
            this.width = width;
        }

        /** Cells per row; default 10. */
        public Builder columns(int columns) {
            this.columns = Math.max(1, columns);
            return this;
        }

        /** Screen pixels per image pixel; default 2. */
        public Builder scale(int scale) {
            this.scale = Math.max(1, scale);
            return this;
        }

        /** A line drawn above the grid; default none. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** Adds one image (height·width values in [0, 1], row-major; values are clipped) with a caption (or null). */
        public Builder add(float[] pixels, String caption) {
            if (pixels.length != height * width) {
                throw new IllegalArgumentException("an image of " + height + "x" + width + " needs " + height * width
                        + " pixels, got " + pixels.length);
            }
            images.add(pixels);
            captions.add(caption);
            return this;
        }

        /** Adds images in order with their captions (the lists have equal length). */
        public Builder addAll(List<float[]> pixels, List<String> captionList) {
            for (int i = 0; i < pixels.size(); i++) {
                add(pixels.get(i), captionList == null ? null : captionList.get(i));
            }
            return this;
        }

        /** Draws the grid: white background, images in grey, captions in dark grey below each cell. */
        public BufferedImage build() {
            int n = Math.max(1, images.size());
            int cols = Math.min(columns, n);
            int rows = (n + cols - 1) / cols;
            boolean anyCaption = captions.stream().anyMatch(c -> c != null && !c.isEmpty());
            Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
            int captionH = anyCaption ? 14 : 0;
            int titleH = title == null ? 0 : 18;
            int pad = 4;
            int cellW = width * scale + pad;
            int cellH = height * scale + captionH + pad;
            BufferedImage out = new BufferedImage(cols * cellW + pad, rows * cellH + pad + titleH, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, out.getWidth(), out.getHeight());
                g.setFont(font);
                FontMetrics fm = g.getFontMetrics();
                if (title != null) {
                    g.setColor(Color.BLACK);
                    g.drawString(title, pad, 13);
                }
                for (int k = 0; k < images.size(); k++) {
                    int x0 = pad + (k % cols) * cellW;
                    int y0 = titleH + pad + (k / cols) * cellH;
                    float[] px = images.get(k);
                    for (int r = 0; r < height; r++) {
                        for (int c = 0; c < width; c++) {
                            float v = Math.max(0f, Math.min(1f, px[r * width + c]));
                            int grey = Math.round(v * 255f);
                            int rgb = (grey << 16) | (grey << 8) | grey;
                            for (int dy = 0; dy < scale; dy++) {
                                for (int dx = 0; dx < scale; dx++) {
                                    out.setRGB(x0 + c * scale + dx, y0 + r * scale + dy, rgb);
                                }
                            }
                        }
                    }
                    String cap = captions.get(k);
                    if (cap != null && !cap.isEmpty()) {
                        g.setColor(Color.DARK_GRAY);
                        String shown = cap;
                        while (fm.stringWidth(shown) > width * scale && shown.length() > 1) {
                            shown = shown.substring(0, shown.length() - 1);
                        }
                        g.drawString(shown, x0 + Math.max(0, (width * scale - fm.stringWidth(shown)) / 2),
                                y0 + height * scale + 11);
                    }
                }
            } finally {
                g.dispose();
            }
            return out;
        }
    }
}
