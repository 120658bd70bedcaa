// What the mapping tests compare of a chart: each dataset's label and values.

export function series(spec: { data: { datasets: { label?: string; data: unknown[] }[] } }) {
  return spec.data.datasets.map((dataset) => [dataset.label, dataset.data]);
}
