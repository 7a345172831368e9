// Server-side rendering: React's renderToString of a component that tracks while it renders, in an
// effect and on click, with the package initialised at module level as the README's recipes do.
import { createElement, useEffect } from 'react';
import { renderToString } from 'react-dom/server';
import { init, track } from 'personalize-tracker';

init({ trackingId: 'tracking-id', identityPoolId: 'us-east-1:0a1b2c3d-0000-4000-8000-00000000cafe', region: 'us-east-1' });

function Product({ itemId }) {
  track('View', { itemId });
  useEffect(() => track('PageView', { path: `/product/${itemId}` }), [itemId]);
  return createElement('button', { onClick: () => track('AddToCart', { itemId }) }, `Add ${itemId} to cart`);
}

console.log(JSON.stringify({ html: renderToString(createElement(Product, { itemId: 'sku-1' })) }));
