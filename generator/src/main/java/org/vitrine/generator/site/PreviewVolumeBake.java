package org.vitrine.generator.site;

import org.vitrine.core.content.ContentHash;
import org.vitrine.core.hdf5.Hdf5Dataset;
import org.vitrine.core.hdf5.Hdf5File;
import org.vitrine.core.hdf5.Hdf5Files;
import org.vitrine.core.imaging.CxiMask;
import org.vitrine.core.imaging.DatasetSlices;
import org.vitrine.core.imaging.SliceSource;
import org.vitrine.core.model.FileKind;
import org.vitrine.core.model.Collection;
import org.vitrine.core.model.DataFile;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.model.FileFacts;
import org.vitrine.core.volume.BakePlan;
import org.vitrine.core.volume.ChunkBox;
import org.vitrine.core.volume.ChunkMaker;
import org.vitrine.core.volume.PrecomputedScale;
import org.vitrine.core.volume.PrecomputedVolume;
import org.vitrine.core.volume.PreviewVolumes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;

/**
 * Bakes the Neuroglancer precomputed volume of every previewable file of the public datasets into
 * the site, at {@code datasets/<id>/precomputed/<file-name>/} ({@code info} and
 * {@code <key>/<chunk>}, and beside diffraction frames their CXI detector mask as {@code mask}, one
 * byte a pixel, empty when there is none), so the viewers and Neuroglancer work on a static host. The bytes are
 * those the API serves at {@code /api/precomputed/<id>/<file-name>/}.
 *
 * <p>Budgets from the site settings bound the output: {@code preview_budget_dataset} a dataset and
 * {@code preview_budget_site} in all. Whole scales are taken from the coarsest up: first every
 * file's coarsest scale, then every file's next one, and so on while the site budget lasts, so a
 * large collection still gives each dataset an overview before any gets full resolution. The
 * static {@code info} lists only the scales written.
 *
 * <p>A chunk whose file, dataset path and volume did not change since the previous build is not
 * computed again.
 */
public final class PreviewVolumeBake implements SiteExtension {

    /** Changes whenever the same inputs would give different chunk bytes. */
    static final String BAKE_VERSION = "1";

    private final Hdf5Files hdf5;

    public PreviewVolumeBake(Hdf5Files hdf5) {
        this.hdf5 = hdf5;
    }

    /** Where the volume of {@code file} lives, relative to its dataset's page. */
    public static String pathOnPage(DataFile file) {
        return "precomputed/" + file.name() + "/";
    }

    /** One file to bake, and the bytes of each of its scales, coarsest first, within its dataset's budget. */
    private record Candidate(Dataset dataset, DataFile file, PrecomputedVolume volume, List<Long> scaleBytes) {
    }

    @Override
    public void write(Collection collection, DatasetDigests digests, Path dataRoot, OutputTree out) {
        List<Candidate> candidates = new ArrayList<>();
        for (Dataset d : collection.publicDatasets()) {
            long datasetLeft = collection.site().previewDatasetBytes();
            for (DataFile f : d.files()) {
                FileFacts facts = d.factsOf(f);
                if (!PreviewVolumes.isPreviewable(f) || facts == null || facts.shape() == null || facts.dtype() == null) {
                    continue;
                }
                PrecomputedVolume volume;
                try {
                    volume = PreviewVolumes.of(d, f, facts.shape().stream().mapToLong(Long::longValue).toArray(), facts.dtype());
                } catch (IllegalArgumentException notAVolume) {
                    // Colour images and non-numeric data have thumbnails but no volume to slice.
                    continue;
                }
                BakePlan plan = BakePlan.within(volume, datasetLeft);
                datasetLeft -= plan.bytes();
                List<Long> bytes = new ArrayList<>();
                List<PrecomputedScale> kept = plan.volume().scales();
                for (int i = kept.size() - 1; i >= 0; i--) {
                    bytes.add(kept.get(i).voxels() * volume.dataType().bytes());
                }
                if (!bytes.isEmpty()) {
                    candidates.add(new Candidate(d, f, volume, bytes));
                }
            }
        }
        long[] granted = grant(candidates, collection.site().previewSiteBytes());
        Map<String, String> bakedAt = new HashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (granted[i] > 0) {
                bake(candidates.get(i), BakePlan.within(candidates.get(i).volume(), granted[i]), dataRoot, out, bakedAt);
            }
        }
    }

    /** Bytes granted to each candidate: whole scales, coarsest first, round by round, within {@code siteBudget}. */
    private static long[] grant(List<Candidate> candidates, long siteBudget) {
        long[] granted = new long[candidates.size()];
        boolean[] stopped = new boolean[candidates.size()];
        long left = siteBudget;
        for (int round = 0; ; round++) {
            boolean any = false;
            for (int i = 0; i < candidates.size(); i++) {
                List<Long> scales = candidates.get(i).scaleBytes();
                if (stopped[i] || round >= scales.size()) {
                    continue;
                }
                long bytes = scales.get(round);
                if (bytes > left) {
                    stopped[i] = true;
                    continue;
                }
                left -= bytes;
                granted[i] += bytes;
                any = true;
            }
            if (!any) {
                return granted;
            }
        }
    }

    /**
     * Bakes one file's planned chunks under its page.
     *
     * @param bakedAt where this build already wrote the chunks of a volume, by its key: datasets
     *                that share a file share those chunks instead of computing them again
     */
    private void bake(Candidate c, BakePlan plan, Path dataRoot, OutputTree out, Map<String, String> bakedAt) {
        String prefix = Links.dataset(c.dataset().id()) + pathOnPage(c.file());
        out.write(prefix + "info", plan.volume().info());
        FileFacts facts = c.dataset().factsOf(c.file());
        // The full volume's info, not the planned one: a chunk's bytes do not depend on which scales were kept.
        String key = ContentHash.of(BAKE_VERSION + '|' + facts.sha256() + '|' + c.file().dataset() + '|'
                + new String(c.volume().info(), StandardCharsets.UTF_8));
        List<ChunkBox> stale = plan.chunks().stream().filter(box -> !out.isFresh(prefix + box.path(), key)).toList();
        boolean maskFresh = c.file().kind() != FileKind.DIFFRACTION || out.isFresh(prefix + "mask", key);
        String earlier = bakedAt.putIfAbsent(key, prefix);
        if (stale.isEmpty() && maskFresh) {
            return;
        }
        if (earlier != null) {
            List<ChunkBox> missing = new ArrayList<>();
            for (ChunkBox box : stale) {
                if (Files.isRegularFile(out.root().resolve(earlier + box.path()))) {
                    out.share(earlier + box.path(), prefix + box.path());
                } else {
                    missing.add(box);
                }
            }
            if (!maskFresh && Files.isRegularFile(out.root().resolve(earlier + "mask"))) {
                out.share(earlier + "mask", prefix + "mask");
                maskFresh = true;
            }
            stale = missing;
            if (stale.isEmpty() && maskFresh) {
                return;
            }
        }
        try (Hdf5File h5 = hdf5.open(SiteBuilder.guarded(dataRoot, c.dataset(), c.file()))) {
            if (!maskFresh) {
                SliceSource mask = CxiMask.beside(h5, c.file().dataset());
                try {
                    out.write(prefix + "mask", mask == null ? new byte[0] : CxiMask.detectorPlane(mask));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read the mask beside " + c.file().dataset() + " in " + c.file().path(), e);
                }
            }
            Hdf5Dataset data = h5.dataset(c.file().dataset());
            DatasetSlices source = new DatasetSlices(data);
            stale.parallelStream().forEach(box -> {
                try {
                    out.write(prefix + box.path(), ChunkMaker.encode(source, c.volume(), box));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + c.file().path() + " for chunk " + box.path(), e);
                }
            });
        }
    }
}
