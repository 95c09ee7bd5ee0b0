package io.contingo.report.pdf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.logging.Level;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;

/**
 * Renders reports as PDF: a Thymeleaf print template (well-formed XHTML, text escaped as everywhere) laid out by
 * OpenHTMLtoPDF on A4 with page numbers, with the DejaVu fonts shipped in this service's resources embedded,
 * so that the document is the same on every machine and accents render.
 */
@Component
public class PdfReports {

    private static final String FONT_FAMILY = "DejaVu Sans";

    static {
        XRLog.setLoggerImpl(new WarningsOnly());
    }
    private static final byte[] REGULAR = withoutGlyphSubstitution(font("DejaVuSans.ttf"));
    private static final byte[] BOLD = withoutGlyphSubstitution(font("DejaVuSans-Bold.ttf"));

    private final TemplateEngine templates;
    private final ReportFormat format;

    public PdfReports(TemplateEngine templates, ReportFormat format) {
        this.templates = templates;
        this.format = format;
    }

    /**
     * The PDF of {@code template} (under {@code templates/}) with {@code report} as {@code ${report}} and the formats as
     * {@code ${fmt}}, in {@code locale}; {@code what} names the document in an error ("the report of inc-…").
     */
    public byte[] render(String template, Object report, Locale locale, String what) {
        Context context = new Context(locale);
        context.setVariable("report", report);
        context.setVariable("fmt", format);
        String xhtml = templates.process(template, context);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useFont(() -> new ByteArrayInputStream(REGULAR), FONT_FAMILY, 400, PdfRendererBuilder.FontStyle.NORMAL, true);
            builder.useFont(() -> new ByteArrayInputStream(BOLD), FONT_FAMILY, 700, PdfRendererBuilder.FontStyle.NORMAL, true);
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not render " + what, e);
        }
        return out.toByteArray();
    }

    /**
     * OpenHTMLtoPDF's warnings and errors, to this service's log. The library reports much finer detail too (one message
     * for each length it computes); its own logger asks java.util.logging whether each is wanted, a tenth of a long
     * report's rendering, where this drops them at once.
     */
    private static final class WarningsOnly implements XRLogger {

        private static final Logger log = LoggerFactory.getLogger("com.openhtmltopdf");

        @Override
        public void log(String where, Level level, String message) {
            log(where, level, message, null);
        }

        @Override
        public void log(String where, Level level, String message, Throwable error) {
            if (level.intValue() >= Level.WARNING.intValue()) {
                log.warn("{}: {}", where, message, error);
            }
        }

        @Override
        public void setLevel(String logger, Level level) {
            // the service's logging settings decide
        }

        @Override
        public boolean isLogLevelEnabled(Diagnostic diagnostic) {
            return diagnostic.getLevel().intValue() >= Level.WARNING.intValue();
        }
    }

    private static byte[] font(String file) {
        try (InputStream in = PdfReports.class.getResourceAsStream("/fonts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("Font " + file + " is missing from the service's resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the font " + file, e);
        }
    }

    /**
     * The font with its glyph substitution table ({@code GSUB}) renamed out of the way. With one, PDFBox passes every
     * string it writes through its substitution rules, compiling regular expressions each time: a sixth of a long
     * report's rendering. The reports' Latin text (accents are glyphs of their own) needs no substitution.
     */
    static byte[] withoutGlyphSubstitution(byte[] font) {
        byte[] copy = font.clone();
        int tables = ((copy[4] & 0xff) << 8) | (copy[5] & 0xff);
        for (int t = 0; t < tables; t++) {
            int tag = 12 + 16 * t;
            if (copy[tag] == 'G' && copy[tag + 1] == 'S' && copy[tag + 2] == 'U' && copy[tag + 3] == 'B') {
                copy[tag] = 'g';
                copy[tag + 1] = 's';
                copy[tag + 2] = 'u';
                copy[tag + 3] = 'b';
            }
        }
        return copy;
    }
}
