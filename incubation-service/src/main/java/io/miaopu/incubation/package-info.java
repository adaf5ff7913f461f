/**
 * incubation-service: The five-level division hierarchy (五级联动孵化体系) and the support structures on it: incubators, hub federations, venues, funding.
 */
package io.miaopu.incubation;
