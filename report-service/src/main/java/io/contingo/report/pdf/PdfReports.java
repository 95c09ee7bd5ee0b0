package io.contingo.report.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * Renders reports as PDF: a Thymeleaf print template (well-formed XHTML, text escaped as everywhere) laid out by
 * OpenHTMLtoPDF on A4 with page numbers, with the DejaVu fonts shipped in this service's resources embedded,
 * so that the document is the same on every machine and accents render.
 */
@Component
public class PdfReports {

    private static final String FONT_FAMILY = "DejaVu Sans";

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
            builder.useFont(() -> font("DejaVuSans.ttf"), FONT_FAMILY, 400, PdfRendererBuilder.FontStyle.NORMAL, true);
            builder.useFont(() -> font("DejaVuSans-Bold.ttf"), FONT_FAMILY, 700, PdfRendererBuilder.FontStyle.NORMAL, true);
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not render " + what, e);
        }
        return out.toByteArray();
    }

    private static InputStream font(String file) {
        InputStream in = PdfReports.class.getResourceAsStream("/fonts/" + file);
        if (in == null) {
            throw new IllegalStateException("Font " + file + " is missing from the service's resources");
        }
        return in;
    }
}
