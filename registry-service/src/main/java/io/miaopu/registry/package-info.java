/**
 * registry-service: Registration (登记) and filing (备案) of community social organizations, their lifecycle and records.
 */
package io.miaopu.registry;
