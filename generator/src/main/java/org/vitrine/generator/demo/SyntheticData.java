package org.vitrine.generator.demo;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;

import java.nio.file.Path;

/**
 * Writes the demo collection's synthetic files with jHDF's writer. Everything is computed from
 * formulas (no randomness), so rerunning gives the same data. The files say in their own
 * attributes that they are simulated.
 */
public final class SyntheticData {

    private SyntheticData() {
    }

    /**
     * A 3D Shepp–Logan head phantom (Kak &amp; Slaney's ellipsoid parameters), {@code n}³ voxels,
     * uint16, deflate-compressed in 32³ chunks, laid out as a NeXus NXdata so generic viewers
     * find it at {@code /entry/data/data}.
     */
    public static void writePhantom(Path file, int n, double voxelSizeMicrons) {
        short[][][] volume = new short[n][n][n];
        // Ellipsoids: intensity, centre (x, y, z), semi-axes (a, b, c), rotation about z in degrees.
        double[][] e = {
                {1.0, 0, 0, 0, 0.69, 0.92, 0.81, 0},
                {-0.8, 0, -0.0184, 0, 0.6624, 0.874, 0.78, 0},
                {-0.2, 0.22, 0, 0, 0.11, 0.31, 0.22, -18},
                {-0.2, -0.22, 0, 0, 0.16, 0.41, 0.28, 18},
                {0.1, 0, 0.35, -0.15, 0.21, 0.25, 0.41, 0},
                {0.1, 0, 0.1, 0.25, 0.046, 0.046, 0.05, 0},
                {0.1, 0, -0.1, 0.25, 0.046, 0.046, 0.05, 0},
                {0.1, -0.08, -0.605, 0, 0.046, 0.023, 0.05, 0},
                {0.1, 0, -0.605, 0, 0.023, 0.023, 0.02, 0},
                {0.1, 0.06, -0.605, 0, 0.023, 0.046, 0.02, 0},
        };
        for (int zi = 0; zi < n; zi++) {
            double z = 2.0 * zi / (n - 1) - 1;
            for (int yi = 0; yi < n; yi++) {
                double y = 1 - 2.0 * yi / (n - 1);
                for (int xi = 0; xi < n; xi++) {
                    double x = 2.0 * xi / (n - 1) - 1;
                    double v = 0;
                    for (double[] p : e) {
                        double t = Math.toRadians(p[7]);
                        double dx = x - p[1], dy = y - p[2], dz = z - p[3];
                        double rx = dx * Math.cos(t) + dy * Math.sin(t);
                        double ry = -dx * Math.sin(t) + dy * Math.cos(t);
                        if ((rx * rx) / (p[4] * p[4]) + (ry * ry) / (p[5] * p[5]) + (dz * dz) / (p[6] * p[6]) <= 1) {
                            v += p[0];
                        }
                    }
                    volume[zi][yi][xi] = (short) Math.round(Math.max(0, v) * 20000);
                }
            }
        }
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            h5.putAttribute("creator", "Vitrine demo data generator");
            h5.putAttribute("synthetic", "true: simulated Shepp-Logan phantom, not a measurement");
            WritableGroup entry = h5.putGroup("entry");
            entry.putAttribute("NX_class", "NXentry");
            entry.putAttribute("default", "data");
            entry.putDataset("title", "Synthetic 3D Shepp-Logan phantom");
            WritableGroup data = entry.putGroup("data");
            data.putAttribute("NX_class", "NXdata");
            data.putAttribute("signal", "data");
            WritableDataset d = data.putDataset("data", volume, DatasetCreationOptions.builder()
                    .unsigned().chunkDimensions(32, 32, 32).deflate(6).build());
            d.putAttribute("interpretation", "volume");
            d.putAttribute("units", "counts");
            WritableGroup instrument = entry.putGroup("instrument");
            instrument.putAttribute("NX_class", "NXinstrument");
            WritableGroup detector = instrument.putGroup("detector");
            detector.putAttribute("NX_class", "NXdetector");
            WritableDataset px = detector.putDataset("x_pixel_size", voxelSizeMicrons * 1e-6);
            px.putAttribute("units", "m");
        }
    }

    /**
     * A Siemens star resolution target, {@code n}×{@code n} float32, 36 spokes, with a smooth
     * illumination fall-off: the kind of test image beamlines use to check resolution.
     */
    public static void writeSiemensStar(Path file, int n, double pixelSizeMicrons, double energyKeV) {
        float[][] image = new float[n][n];
        double c = (n - 1) / 2.0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double dx = x - c, dy = y - c;
                double r = Math.hypot(dx, dy) / c;
                double phi = Math.atan2(dy, dx);
                double spoke = Math.sin(18 * phi) > 0 ? 1 : 0.15;
                double inside = r <= 0.92 ? spoke : 0.15;
                double illumination = Math.exp(-r * r * 0.8);
                image[y][x] = (float) (1000 * inside * illumination + 50);
            }
        }
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            h5.putAttribute("creator", "Vitrine demo data generator");
            h5.putAttribute("synthetic", "true: computed Siemens star, not a measurement");
            h5.putAttribute("default", "entry");
            WritableGroup entry = h5.putGroup("entry");
            entry.putAttribute("NX_class", "NXentry");
            entry.putAttribute("default", "data");
            entry.putDataset("title", "Synthetic Siemens star test image");
            WritableGroup data = entry.putGroup("data");
            data.putAttribute("NX_class", "NXdata");
            data.putAttribute("signal", "image");
            WritableDataset d = data.putDataset("image", image, DatasetCreationOptions.builder()
                    .chunkDimensions(128, 128).deflate(6).build());
            d.putAttribute("interpretation", "image");
            WritableGroup instrument = entry.putGroup("instrument");
            instrument.putAttribute("NX_class", "NXinstrument");
            WritableGroup source = instrument.putGroup("source");
            source.putAttribute("NX_class", "NXsource");
            source.putDataset("energy", energyKeV).putAttribute("units", "keV");
            WritableGroup detector = instrument.putGroup("detector");
            detector.putAttribute("NX_class", "NXdetector");
            detector.putDataset("x_pixel_size", pixelSizeMicrons * 1e-6).putAttribute("units", "m");
        }
    }
}
