// The script tag's data- attributes (README, "Script-tag attributes"): read by the loader
// (loader/script-tag-global.ts); any other data- attribute on the tracker's script is named in a
// warning by the script tag's sender chunk (sender/script-tag-delivery.ts).

/** Options given as strings. */
export const STRING_OPTIONS = 'trackingId relayUrl identityPoolId region endpoint cognitoEndpoint senderUrl declarativeRoot declarativeEvents'.split(' ');
/** Options given as booleans: true unless "false". */
export const BOOLEAN_OPTIONS = ['debug', 'respectDoNotTrack'];
