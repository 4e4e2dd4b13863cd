SELECT * FROM read_csv('////x//*.csv')
