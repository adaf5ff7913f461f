/**
 * training-service: The training ledger of backbone talent (骨干人才培训), in person-times (人次).
 */
package io.miaopu.training;
