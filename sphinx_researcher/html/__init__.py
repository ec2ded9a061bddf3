"""What only the html family of builders gets: assets, page head data, extra pages, feeds."""
