/**
 * metrics-service: The plan's targets as data, their live progress and drill-down, and the government data-exchange feed.
 */
package io.miaopu.metrics;
