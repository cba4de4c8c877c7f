package org.vitrine.core.model;

import java.util.List;
import java.util.Map;

/**
 * What the generator learnt by reading a local file: size, checksum and the preview dataset's
 * layout. Null fields were not available (for instance a non-HDF5 file has no shape).
 *
 * @param size       bytes
 * @param sha256     lower-case hex digest
 * @param format     "HDF5", "CXI" (HDF5 with {@code cxi_version}) or "NeXus"
 * @param shape      shape of the preview dataset
 * @param dtype      NumPy-style dtype of the preview dataset ({@code <i4}, {@code >f8})
 * @param cxiVersion the file's {@code /cxi_version}, or null
 * @param recorded   texts the file's NeXus entry records ({@code title}, {@code experiment_identifier},
 *                   {@code start_time}, {@code end_time}), by field name; empty when none
 */
public record FileFacts(long size, String sha256, String format, List<Long> shape, String dtype, Integer cxiVersion,
                        Map<String, String> recorded) {

    public FileFacts {
        recorded = recorded == null ? Map.of() : Map.copyOf(recorded);
    }
}
