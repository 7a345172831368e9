// The script tag's credentials chunk: fetches the shared Cognito credentials while the sender chunk loads.
export { warm } from './sender/credentials-chunk';
