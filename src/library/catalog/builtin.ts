import { defineMetrics, gauge } from './define.js';

/**
 * Series Prometheus writes itself for every scrape target and alert. Always in the index, so
 * `up == 0` and `ALERTS{alertstate="firing"}` check like catalog metrics.
 */
export const prometheusBuiltins = defineMetrics({
  job: 'prometheus',
  metrics: {
    up: gauge({ name: 'up', help: '1 if the last scrape of the target succeeded, 0 otherwise.' }),
    scrapeDuration: gauge({ name: 'scrape_duration_seconds', help: 'Duration of the last scrape.', unit: 'seconds' }),
    scrapeSamples: gauge({ name: 'scrape_samples_scraped', help: 'Samples the last scrape returned.' }),
    scrapeSeriesAdded: gauge({ name: 'scrape_series_added', help: 'New series in the last scrape.' }),
    samplesPostRelabeling: gauge({ name: 'scrape_samples_post_metric_relabeling', help: 'Samples left after relabeling.' }),
    alerts: gauge({
      name: 'ALERTS',
      help: 'One series per pending or firing alert.',
      labels: { alertname: 'open', alertstate: ['pending', 'firing'], severity: 'open' },
    }),
    alertsForState: gauge({
      name: 'ALERTS_FOR_STATE',
      help: 'When each pending or firing alert became active, in Unix seconds.',
      labels: { alertname: 'open', severity: 'open' },
    }),
  },
});
