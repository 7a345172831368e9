// The demo catalogue, shared by the script-tag shop and the SPA (a global, so neither needs a build).
window.DEMO_MOVIES = [
  { id: 'movie1', title: 'The Last Lighthouse', year: 2019, genre: 'Drama', price: 3.99, colors: ['#1d3557', '#e9c46a'] },
  { id: 'movie2', title: 'Neon Harbour', year: 2021, genre: 'Thriller', price: 4.99, colors: ['#7b2cbf', '#ff4d6d'] },
  { id: 'movie3', title: 'Paper Comets', year: 2017, genre: 'Comedy', price: 2.99, colors: ['#f77f00', '#fcbf49'] },
  { id: 'movie4', title: 'Under Quiet Snow', year: 2020, genre: 'Romance', price: 3.49, colors: ['#a8dadc', '#457b9d'] },
  { id: 'movie5', title: 'Iron Orchard', year: 2022, genre: 'Sci-fi', price: 5.99, colors: ['#2b2d42', '#8d99ae'] },
  { id: 'movie6', title: 'The Salt Road', year: 2016, genre: 'Adventure', price: 2.49, colors: ['#6a4c93', '#f4a261'] },
  { id: 'movie7', title: 'Midnight Greenhouse', year: 2023, genre: 'Mystery', price: 6.49, colors: ['#2d6a4f', '#95d5b2'] },
  { id: 'movie8', title: 'Small Giants', year: 2018, genre: 'Family', price: 1.99, colors: ['#e63946', '#ffb703'] },
];
