package dev.custody.seals.report;

import dev.custody.common.AtomicFiles;
import dev.custody.seals.Comparison;
import dev.custody.seals.ParticleChange;
import dev.custody.seals.Region;
import dev.custody.seals.StageTime;
import dev.custody.seals.Verdict;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The comparison as one self-contained HTML page: images inlined as data: URIs, CSS and script
 * inline, and a Content-Security-Policy that forbids any network access, so the report can be
 * opened offline, mailed, or archived as evidence.
 */
public final class HtmlReport {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private HtmlReport() {}

    /**
     * What was compared: labels for the header, and the new photo as taken, on which the changed
     * regions are outlined (they are in its pixels; the evidence images show only the seal's window).
     */
    public record Subject(String reference, String photoName, BufferedImage photo, Instant when) {}

    public static void write(Path out, Comparison comparison, Subject subject) {
        AtomicFiles.writeString(out, render(comparison, subject));
    }

    public static String render(Comparison comparison, Subject subject) {
        StringBuilder page = new StringBuilder(64 * 1024);
        Verdict verdict = comparison.verdict();
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; ")
                .append("style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Seal check: ").append(verdict.word()).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        header(page, comparison, subject);
        reasons(page, comparison);
        blinkView(page, comparison);
        heatmap(page, comparison);
        changes(page, comparison, subject.photo());
        details(page, comparison);
        page.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return page.toString();
    }

    private static void header(StringBuilder page, Comparison c, Subject subject) {
        String headline = switch (c.verdict()) {
            case INTACT -> "Intact: the seal matches its reference";
            case TAMPERED -> "Tampered: the seal differs from its reference";
            case CANNOT_VERIFY -> "Cannot verify: this photo does not show whether the seal is intact";
        };
        page.append("<header class=\"verdict ").append(c.verdict().word()).append("\" id=\"verdict\" data-verdict=\"")
                .append(c.verdict().word()).append("\">\n<h1>").append(Html.escape(headline)).append("</h1>\n")
                .append("<p>Similarity score <strong id=\"score\">").append(String.format(Locale.ROOT, "%.3f", c.score()))
                .append("</strong> (1 = identical)</p>\n<p class=\"subject\">Reference: ")
                .append(Html.escape(subject.reference())).append("<br>New photo: ").append(Html.escape(subject.photoName()))
                .append("<br>Compared: ").append(WHEN.format(subject.when())).append("</p>\n</header>\n");
    }

    private static void reasons(StringBuilder page, Comparison c) {
        if (c.reasons().isEmpty()) {
            return;
        }
        page.append("<section>\n<h2>Why</h2>\n<ul id=\"reasons\">\n");
        c.reasons().forEach(reason -> page.append("<li>").append(Html.escape(reason)).append("</li>\n"));
        page.append("</ul>\n</section>\n");
    }

    private static void blinkView(StringBuilder page, Comparison c) {
        page.append("<section>\n<h2>Blink view</h2>\n");
        Comparison.Evidence evidence = c.evidence();
        if (evidence == null || evidence.alignedReference() == null || evidence.photo() == null) {
            page.append("<p class=\"absent\">No blink view: the comparison stopped before the photos could be ")
                    .append("aligned. Take a sharper, well-lit photo of the same seal and compare again.</p>\n</section>\n");
            return;
        }
        BufferedImage photo = evidence.photo();
        page.append("<p>The reference has been turned and scaled onto the new photo. Switch between them: ")
                .append("anything that jumps is a change. Key <kbd>b</kbd> also switches.</p>\n")
                .append("<div class=\"controls\">\n")
                .append("<button id=\"blink-toggle\" type=\"button\">Show new photo</button>\n")
                .append("<label>Reference <input id=\"blink-fade\" type=\"range\" min=\"0\" max=\"100\" value=\"0\" ")
                .append("aria-label=\"Cross-fade from the reference to the new photo\"> New photo</label>\n")
                .append("<label><input id=\"blink-auto\" type=\"checkbox\"> Blink automatically</label>\n")
                .append("<span id=\"blink-showing\">Showing: reference</span>\n</div>\n")
                .append("<div class=\"stage seal\" id=\"blink-stage\">\n")
                .append("<img id=\"blink-reference\" alt=\"Reference, aligned onto the new photo\" src=\"")
                .append(EvidenceImages.dataUri(evidence.alignedReference(), true)).append("\">\n")
                .append("<img id=\"blink-photo\" class=\"over\" style=\"opacity:0\" alt=\"New photo\" src=\"")
                .append(EvidenceImages.dataUri(photo, true)).append("\">\n</div>\n</section>\n");
    }

    private static void heatmap(StringBuilder page, Comparison c) {
        BufferedImage heatmap = c.evidence() == null ? null : c.evidence().heatmap();
        if (heatmap == null) {
            return;
        }
        page.append("<section>\n<h2>Heat map of differences</h2>\n")
                .append("<p>Green where the new photo matches the reference, through yellow, to red where it differs;")
                .append(" grey where nothing was compared (outside the seal).</p>\n")
                .append("<div class=\"stage seal\" id=\"heatmap-stage\">\n<img id=\"heatmap\" alt=\"Heat map\" src=\"")
                .append(EvidenceImages.dataUri(heatmap, false)).append("\">\n</div>\n</section>\n");
    }

    /** The new photo with changed regions as rectangles and particle changes as circles, in its own pixels. */
    private static void changes(StringBuilder page, Comparison c, BufferedImage photo) {
        Region seal = c.evidence() == null ? null : c.evidence().seal();
        if (c.regions().isEmpty() && c.particles().isEmpty() && seal == null) {
            return;
        }
        int width = photo.getWidth();
        int height = photo.getHeight();
        page.append("<section>\n<h2>Changes on the new photo</h2>\n")
                .append("<p>The dashed box is the seal as found in the reference: only it is compared.</p>\n")
                .append("<div class=\"controls\"><label>")
                .append("<input id=\"outlines\" type=\"checkbox\" checked> Outline changes</label></div>\n")
                .append("<div class=\"stage\" id=\"changes-stage\">\n<img id=\"changes-photo\" alt=\"New photo\" src=\"")
                .append(EvidenceImages.dataUri(EvidenceImages.forDisplay(photo), true)).append("\">\n")
                .append("<svg class=\"outlines\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" preserveAspectRatio=\"none\" aria-hidden=\"true\">\n");
        double stroke = Math.max(2, Math.max(width, height) / 250.0);
        if (seal != null) {
            page.append("<rect class=\"seal\" id=\"seal-outline\" x=\"").append(seal.x()).append("\" y=\"").append(seal.y())
                    .append("\" width=\"").append(seal.w()).append("\" height=\"").append(seal.h())
                    .append("\" stroke-width=\"").append(format(stroke)).append("\" stroke-dasharray=\"")
                    .append(format(4 * stroke)).append("\"/>\n");
        }
        for (Region r : c.regions()) {
            page.append("<rect class=\"region\" x=\"").append(r.x()).append("\" y=\"").append(r.y())
                    .append("\" width=\"").append(r.w()).append("\" height=\"").append(r.h())
                    .append("\" stroke-width=\"").append(format(stroke)).append("\"/>\n");
        }
        double radius = stroke * 2.5;
        for (ParticleChange p : c.particles()) {
            String kind = p.kind().name().toLowerCase(Locale.ROOT);
            page.append("<circle class=\"particle ").append(kind).append("\" cx=\"").append(format(p.x()))
                    .append("\" cy=\"").append(format(p.y())).append("\" r=\"").append(format(radius))
                    .append("\" stroke-width=\"").append(format(stroke)).append("\"><title>particle ").append(kind)
                    .append("</title></circle>\n");
        }
        page.append("</svg>\n</div>\n</section>\n");
    }

    private static void details(StringBuilder page, Comparison c) {
        page.append("<section>\n<h2>Details</h2>\n<table id=\"details\">\n");
        if (c.alignment() != null) {
            row(page, "Alignment", c.alignment().inliers() + " matched glitter features, residual "
                    + format(c.alignment().rmsError()) + " px");
        } else {
            row(page, "Alignment", "not reached");
        }
        row(page, "Changed regions", c.regions().isEmpty() ? "none" : c.regions().stream()
                .map(r -> r.w() + "x" + r.h() + " at " + r.x() + "," + r.y()).reduce((a, b) -> a + "; " + b).orElse(""));
        for (ParticleChange.Kind kind : ParticleChange.Kind.values()) {
            long count = c.particles().stream().filter(p -> p.kind() == kind).count();
            row(page, "Particles " + kind.name().toLowerCase(Locale.ROOT), Long.toString(count));
        }
        for (StageTime stage : c.stages()) {
            row(page, "Time: " + stage.stage(), format(stage.took().toNanos() / 1e6) + " ms");
        }
        page.append("</table>\n<p class=\"legend\"><span class=\"key region\"></span> changed region ")
                .append("<span class=\"key missing\"></span> particle missing <span class=\"key added\"></span> ")
                .append("particle added <span class=\"key moved\"></span> particle moved</p>\n</section>\n");
    }

    private static void row(StringBuilder page, String name, String value) {
        page.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(Html.escape(value))
                .append("</td></tr>\n");
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value).replaceAll("\\.?0+$", "");
    }

    private static final String STYLE = """
            body { font: 16px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1100px; padding: 1em; color: #222; }
            .verdict { padding: 0.6em 1em; border-radius: 8px; color: #fff; }
            .verdict.intact { background: #1d7a35; }
            .verdict.tampered { background: #b3261e; }
            .verdict.cannot-verify { background: #8a5a00; }
            .verdict h1 { margin: 0.2em 0; font-size: 1.5em; }
            .subject { font-size: 0.9em; opacity: 0.9; word-break: break-all; }
            .controls { display: flex; flex-wrap: wrap; gap: 1em; align-items: center; margin: 0.5em 0; }
            button { font: inherit; padding: 0.3em 1em; }
            .stage { position: relative; display: inline-block; max-width: 100%; line-height: 0; }
            .stage img { display: block; max-width: 100%; height: auto; }
            .stage.seal img { width: 720px; max-width: 100%; }
            .stage img.over { position: absolute; left: 0; top: 0; width: 100%; height: 100%; }
            .stage svg { position: absolute; left: 0; top: 0; width: 100%; height: 100%; pointer-events: none; }
            .stage.hide-outlines svg { display: none; }
            rect.region { fill: none; stroke: #ffeb3b; }
            rect.seal { fill: none; stroke: #4fc3f7; }
            circle.particle { fill: none; }
            .missing { stroke: #ff1744; } .added { stroke: #00e5ff; } .moved { stroke: #ff9100; }
            table { border-collapse: collapse; }
            th, td { text-align: left; padding: 0.2em 1em 0.2em 0; vertical-align: top; }
            .key { display: inline-block; width: 1em; height: 1em; border: 3px solid; border-radius: 50%; vertical-align: middle; }
            .key.region { border-radius: 0; border-color: #ffeb3b; }
            .key.missing { border-color: #ff1744; } .key.added { border-color: #00e5ff; } .key.moved { border-color: #ff9100; }
            """;

    private static final String SCRIPT = """
            (function () {
              var outlines = document.getElementById('outlines');
              if (outlines) {
                outlines.addEventListener('change', function () {
                  document.getElementById('changes-stage').classList.toggle('hide-outlines', !outlines.checked);
                });
              }
            })();
            (function () {
              var photo = document.getElementById('blink-photo');
              if (!photo) { return; }
              var toggle = document.getElementById('blink-toggle');
              var fade = document.getElementById('blink-fade');
              var auto = document.getElementById('blink-auto');
              var showing = document.getElementById('blink-showing');
              var timer = null;
              function show(percent) {
                photo.style.opacity = String(percent / 100);
                fade.value = String(percent);
                var onPhoto = percent >= 50;
                toggle.textContent = onPhoto ? 'Show reference' : 'Show new photo';
                showing.textContent = percent === 0 ? 'Showing: reference'
                    : percent === 100 ? 'Showing: new photo' : 'Showing: ' + percent + '% new photo';
              }
              function flip() { show(Number(fade.value) >= 50 ? 0 : 100); }
              toggle.addEventListener('click', flip);
              fade.addEventListener('input', function () { show(Number(fade.value)); });
              auto.addEventListener('change', function () {
                if (timer) { clearInterval(timer); timer = null; }
                if (auto.checked) { timer = setInterval(flip, 600); }
              });
              document.addEventListener('keydown', function (e) {
                if (e.key === 'b' && e.target.tagName !== 'INPUT') { flip(); }
              });
            })();
            """;
}
